output "alb_arn" {
  description = "ARN of the application load balancer."
  value       = module.alb.arn
}

output "alb_dns_name" {
  description = "DNS name of the ALB (origin.<domain> points here)."
  value       = module.alb.dns_name
}

output "alb_security_group_id" {
  description = "Security group of the ALB; the tasks accept traffic only from it."
  value       = module.alb.security_group_id
}

output "accounts_target_group_arn" {
  description = "Target group of accounts-service (/api/auth/*, /api/users/*, /.well-known/jwks.json)."
  value       = module.alb.target_groups["accounts"].arn
  # ECS refuses a target group that no listener uses yet: hand it out only once the rules exist.
  depends_on = [module.alb]
}

output "messages_target_group_arn" {
  description = "Target group of messages-service (other /api/*, /socket.io/*), sticky."
  value       = module.alb.target_groups["messages"].arn
  # ECS refuses a target group that no listener uses yet: hand it out only once the rules exist.
  depends_on = [module.alb]
}

output "client_bucket_name" {
  description = "S3 bucket CI syncs client/dist into."
  value       = module.client_bucket.s3_bucket_id
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution ID (CI invalidates /index.html after a client deploy)."
  value       = aws_cloudfront_distribution.this.id
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name (the app's DNS record aliases it)."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "public_url" {
  description = "Browser-facing origin of the app (PUBLIC_URL, ALLOWED_ORIGINS)."
  value       = "https://${var.domain_name}"
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB, the LoadBalancer dimension of its CloudWatch metrics."
  value       = module.alb.arn_suffix
}

output "target_group_arn_suffixes" {
  description = "ARN suffix per target group (accounts, messages), the TargetGroup dimension of CloudWatch metrics."
  value       = { for k, tg in module.alb.target_groups : k => tg.arn_suffix }
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL in front of CloudFront."
  value       = aws_wafv2_web_acl.cdn.arn
}
