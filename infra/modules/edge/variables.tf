variable "name" {
  description = "Name prefix, e.g. partyline-staging."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the ALB and its target groups."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets the ALB is placed in."
  type        = list(string)
}

variable "hosted_zone_id" {
  description = "Route 53 hosted zone that holds domain_name and origin_domain_name (used for DNS records and ACM validation)."
  type        = string
}

variable "domain_name" {
  description = "Public hostname of the app, served by CloudFront (e.g. chat.example.com)."
  type        = string
}

variable "origin_domain_name" {
  description = "Hostname of the ALB behind CloudFront (e.g. origin.chat.example.com); CloudFront connects to it over HTTPS."
  type        = string
}

variable "alb_idle_timeout" {
  description = "ALB idle timeout in seconds. WebSockets idle between socket.io pings and long-polls wait for data, so it must be at least 300."
  type        = number
  default     = 3600

  validation {
    condition     = var.alb_idle_timeout >= 300 && var.alb_idle_timeout <= 4000
    error_message = "alb_idle_timeout must be between 300 and 4000 seconds."
  }
}

variable "accounts_port" {
  description = "Container port of accounts-service."
  type        = number
  default     = 4001
}

variable "messages_port" {
  description = "Container port of messages-service."
  type        = number
  default     = 4002
}

variable "sticky_cookie_duration" {
  description = "Lifetime in seconds of the ALB stickiness cookie on the messages target group."
  type        = number
  default     = 86400
}

variable "deletion_protection" {
  description = "Protect the ALB from deletion and keep the client bucket when it still has objects."
  type        = bool
  default     = true
}

variable "waf_rate_limit" {
  description = "Requests per 5 minutes from one address before the web ACL blocks it (a flood guard; per-user limits live in the services)."
  type        = number
  default     = 6000
}

variable "access_log_retention_days" {
  description = "Days the ALB, CloudFront and WAF access logs are kept."
  type        = number
  default     = 90
}

variable "cloudfront_price_class" {
  description = "CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All)."
  type        = string
  default     = "PriceClass_100"
}

variable "object_store_origins" {
  description = "Origins the browser uploads to and downloads from with presigned URLs (the attachments bucket): added to the SPA's CSP connect-src."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
