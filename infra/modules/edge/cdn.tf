locals {
  s3_origin_id  = "client-s3"
  alb_origin_id = "api-alb"

  # AWS managed policies (stable IDs, documented by CloudFront).
  cache_policy_caching_optimized        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  cache_policy_caching_disabled         = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  origin_request_all_viewer_except_host = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  response_headers_security_headers     = "67f7725c-6f97-4210-82d7-5512b31e9d03"

  # No inline script; styles inline for Emotion (Chakra UI); the API and socket on the app's own origin.
  spa_content_security_policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; connect-src ${join(" ", concat(["'self'"], var.object_store_origins))}; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

  # Paths served by the services through the ALB, and only these: the ALB's listener rules split them
  # further. The services' operations endpoints (/metrics, /readyz, /openapi.json) are on another port
  # that no listener forwards to.
  api_paths = ["/api/*", "/socket.io/*", "/.well-known/jwks.json"]
}

resource "aws_cloudfront_distribution" "this" {
  #checkov:skip=CKV2_AWS_47:the Log4j managed rules (AWSManagedRulesKnownBadInputsRuleSet) are attached (waf.tf); the check also demands AWSManagedRulesAnonymousIpList, which would refuse every VPN and Tor user, a product decision this app does not make
  #checkov:skip=CKV_AWS_374:the app serves everyone; no country is refused by design
  #checkov:skip=CKV_AWS_310:one ALB origin in one region; an origin group fails over only GET/HEAD/OPTIONS, so it cannot cover the API and sockets, and a second region is not built
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  comment             = "Partyline ${var.name}"
  aliases             = [var.domain_name]
  default_root_object = "index.html"
  price_class         = var.cloudfront_price_class
  web_acl_id          = aws_wafv2_web_acl.cdn.arn

  logging_config {
    bucket          = module.logs_bucket.s3_bucket_bucket_domain_name
    prefix          = "cloudfront/"
    include_cookies = false # session cookies never reach the logs
  }

  origin {
    origin_id                = local.s3_origin_id
    domain_name              = module.client_bucket.s3_bucket_bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.client.id
  }

  origin {
    origin_id   = local.alb_origin_id
    domain_name = var.origin_domain_name

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = 60 # socket.io long-polls hold a request for up to 25 s (pingInterval)
      origin_keepalive_timeout = 60
    }
  }

  default_cache_behavior {
    target_origin_id           = local.s3_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.cache_policy_caching_optimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.spa.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_fallback.arn
    }
  }

  # The API, JWKS and socket.io (WebSocket upgrades included): never cached, every header, cookie and
  # query string passed on (except Host, so the ALB certificate matches origin_domain_name).
  dynamic "ordered_cache_behavior" {
    for_each = local.api_paths

    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = local.alb_origin_id
      viewer_protocol_policy     = "https-only"
      allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = local.cache_policy_caching_disabled
      origin_request_policy_id   = local.origin_request_all_viewer_except_host
      response_headers_policy_id = local.response_headers_security_headers
    }
  }

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate_validation.cdn.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  tags = var.tags
}

resource "aws_route53_record" "app" {
  for_each = toset(["A", "AAAA"])

  zone_id = var.hosted_zone_id
  name    = var.domain_name
  type    = each.value

  alias {
    name                   = aws_cloudfront_distribution.this.domain_name
    zone_id                = aws_cloudfront_distribution.this.hosted_zone_id
    evaluate_target_health = false
  }
}

# The SPA's security headers, the same policy as client/security-headers.conf (nginx) and
# client/serverHardening.ts (vite preview): S3 cannot send headers, so CloudFront adds them.
resource "aws_cloudfront_response_headers_policy" "spa" {
  #checkov:skip=CKV_AWS_259:HSTS is two years with includeSubDomains; "preload" commits the whole registrable domain once submitted, which is for the owner of the operator's apex domain to decide, not this app on a subdomain
  name    = "${var.name}-spa"
  comment = "Partyline SPA: CSP, HSTS, nosniff, frame and referrer policy"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.spa_content_security_policy
      override                = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      override                   = true
    }
  }

  custom_headers_config {
    items {
      header   = "Cross-Origin-Opener-Policy"
      value    = "same-origin"
      override = true
    }
    items {
      header   = "Permissions-Policy"
      value    = "camera=(), microphone=(), geolocation=()"
      override = true
    }
  }
}
