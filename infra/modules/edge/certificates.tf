# TLS certificates, validated through DNS records in the hosted zone.

resource "aws_acm_certificate" "cdn" {
  provider = aws.us_east_1

  domain_name       = var.domain_name
  validation_method = "DNS"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate" "origin" {
  domain_name       = var.origin_domain_name
  validation_method = "DNS"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  validation_records = merge(
    { for o in aws_acm_certificate.cdn.domain_validation_options : "cdn-${o.domain_name}" => o },
    { for o in aws_acm_certificate.origin.domain_validation_options : "origin-${o.domain_name}" => o },
  )
}

resource "aws_route53_record" "validation" {
  for_each = local.validation_records

  zone_id         = var.hosted_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "cdn" {
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.cdn.arn
  validation_record_fqdns = [for k, r in aws_route53_record.validation : r.fqdn if startswith(k, "cdn-")]
}

resource "aws_acm_certificate_validation" "origin" {
  certificate_arn         = aws_acm_certificate.origin.arn
  validation_record_fqdns = [for k, r in aws_route53_record.validation : r.fqdn if startswith(k, "origin-")]
}
