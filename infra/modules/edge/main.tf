# The edge: CloudFront in front of everything (one origin for the browser, so cookies and CORS stay
# same-site), S3 for the SPA, and the ALB for /api/*, /.well-known/* and /socket.io/*.

data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

module "alb" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/alb/aws"
  version = "9.16.0"

  name    = "${var.name}-alb"
  vpc_id  = var.vpc_id
  subnets = var.public_subnet_ids

  # WebSockets sit idle between socket.io pings and long-polling requests wait for data.
  idle_timeout               = var.alb_idle_timeout
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection

  # CloudFront appends the viewer's address to X-Forwarded-For and the ALB appends CloudFront's: the
  # services trust exactly these two hops (TRUST_PROXY=2) and key their rate limits on the viewer.
  xff_header_processing_mode = "append"

  access_logs = {
    bucket  = module.logs_bucket.s3_bucket_id
    prefix  = "alb"
    enabled = true
  }

  # Only CloudFront reaches the ALB.
  security_group_ingress_rules = {
    cloudfront_https = {
      from_port      = 443
      to_port        = 443
      ip_protocol    = "tcp"
      description    = "HTTPS from CloudFront origin-facing servers"
      prefix_list_id = data.aws_ec2_managed_prefix_list.cloudfront.id
    }
  }
  security_group_egress_rules = {
    to_tasks = {
      ip_protocol = "tcp"
      from_port   = min(var.accounts_port, var.messages_port)
      to_port     = max(var.accounts_port, var.messages_port)
      description = "To the service tasks"
      cidr_ipv4   = data.aws_vpc.this.cidr_block
    }
  }

  listeners = {
    https = {
      port            = 443
      protocol        = "HTTPS"
      ssl_policy      = "ELBSecurityPolicy-TLS13-1-2-2021-06"
      certificate_arn = aws_acm_certificate_validation.origin.certificate_arn

      # Anything not routed below is not ours: the listener forwards the app's public paths only.
      fixed_response = {
        content_type = "application/json"
        message_body = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No route\"}}"
        status_code  = "404"
      }

      rules = {
        # Lower priority numbers win: the accounts paths must be matched before the /api/* catch-all.
        accounts = {
          priority = 10
          actions  = [{ type = "forward", target_group_key = "accounts" }]
          conditions = [{
            path_pattern = { values = ["/api/auth/*", "/api/users/*", "/.well-known/jwks.json"] }
          }]
        }
        messages = {
          priority = 20
          actions  = [{ type = "forward", target_group_key = "messages" }]
          conditions = [{
            path_pattern = { values = ["/api/*", "/socket.io/*"] }
          }]
        }
      }
    }
  }

  target_groups = {
    accounts = {
      name_prefix          = "acct-"
      protocol             = "HTTP"
      port                 = var.accounts_port
      target_type          = "ip"
      deregistration_delay = 30
      create_attachment    = false # ECS registers the tasks

      health_check = {
        enabled             = true
        path                = "/healthz"
        port                = "traffic-port"
        protocol            = "HTTP"
        matcher             = "200"
        interval            = 15
        timeout             = 5
        healthy_threshold   = 2
        unhealthy_threshold = 3
      }
    }

    messages = {
      name_prefix = "msgs-"
      protocol    = "HTTP"
      port        = var.messages_port
      target_type = "ip"
      # Open sockets get a minute to move to another task before the old one is gone.
      deregistration_delay = 60
      create_attachment    = false

      # socket.io long-polling sends a session's requests one after another and every one must reach
      # the task holding the session; the load-balancer cookie pins a browser to one task.
      stickiness = {
        enabled         = true
        type            = "lb_cookie"
        cookie_duration = var.sticky_cookie_duration
      }

      health_check = {
        enabled             = true
        path                = "/healthz"
        port                = "traffic-port"
        protocol            = "HTTP"
        matcher             = "200"
        interval            = 15
        timeout             = 5
        healthy_threshold   = 2
        unhealthy_threshold = 3
      }
    }
  }

  tags = var.tags
}

data "aws_vpc" "this" {
  id = var.vpc_id
}

resource "aws_route53_record" "origin" {
  zone_id = var.hosted_zone_id
  name    = var.origin_domain_name
  type    = "A"

  alias {
    name                   = module.alb.dns_name
    zone_id                = module.alb.zone_id
    evaluate_target_health = true
  }
}
