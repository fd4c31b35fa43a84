variable "environment_name" {
  description = "Deployment environment: staging or production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment_name))
    error_message = "environment_name must be a short lowercase name such as staging or production."
  }
}

variable "domain_name" {
  description = "Public hostname of the app (CloudFront), e.g. chat.example.com."
  type        = string
}

variable "origin_domain_name" {
  description = "Hostname of the ALB behind CloudFront; defaults to origin.<domain_name>."
  type        = string
  default     = null
}

variable "hosted_zone_id" {
  description = "Route 53 hosted zone for domain_name (DNS records and certificate validation)."
  type        = string
}

variable "image_tag" {
  description = "Image tag the first task definitions use. Later deploys come from CI (see docs/deploying.md)."
  type        = string
  default     = "bootstrap"
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
}

variable "az_count" {
  description = "Availability zones to use (tasks, brokers, database standbys)."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "Share one NAT gateway between AZs (cheaper, less available)."
  type        = bool
  default     = false
}

variable "services" {
  description = "Size and scaling of each ECS service."
  type = map(object({
    cpu           = number
    memory        = number
    min_capacity  = number
    max_capacity  = number
    desired_count = number
  }))
  default = {
    accounts = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 6, desired_count = 2 }
    messages = { cpu = 1024, memory = 2048, min_capacity = 2, max_capacity = 20, desired_count = 2 }
  }
}

variable "data_stores" {
  description = "Instance sizes and redundancy of the data stores."
  type = object({
    postgres_instance_class = string
    postgres_multi_az       = bool
    redis_node_type         = string
    redis_replicas          = number
    # ElastiCache cluster mode (redis_shards primaries with redis_replicas replicas each) and the
    # services on a cluster client; off by default, one primary.
    redis_cluster_mode   = optional(bool, false)
    redis_shards         = optional(number, 3)
    kafka_instance_type  = string
    docdb_instance_class = string
    docdb_instance_count = number
  })
}

variable "deletion_protection" {
  description = "Protect databases, the ALB and the client bucket against deletion (true for production)."
  type        = bool
  default     = true
}

variable "log_level" {
  description = "LOG_LEVEL of both services."
  type        = string
  default     = "info"
}

variable "log_retention_days" {
  description = "Retention in days of the services' CloudWatch log groups."
  type        = number
  default     = 30
}

variable "jwt_key_id" {
  description = "JWT_KEY_ID: the kid of the signing key stored in the jwt-private-key secret. Change it together with the key when rotating."
  type        = string
}

variable "google_client_id" {
  description = "Google OAuth client id (not secret). Empty disables Google sign-in; when set, put the client secret into the google-client-secret secret."
  type        = string
  default     = ""
}

variable "github_client_id" {
  description = "GitHub OAuth app client id (not secret). Empty disables GitHub sign-in; when set, put the client secret into the github-client-secret secret."
  type        = string
  default     = ""
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose deploy workflows may assume the CI role."
  type        = string
}

variable "github_oidc_provider_arn" {
  description = "ARN of the account's IAM OIDC provider for token.actions.githubusercontent.com (created once per account, see docs/deploying.md)."
  type        = string
}

variable "alert_emails" {
  description = "Addresses that get every alert (Prometheus rules and CloudWatch alarms) through the SNS topic."
  type        = list(string)
  default     = []
}

variable "grafana_enabled" {
  description = "Create an Amazon Managed Grafana workspace for deploy/monitoring/dashboard.json (needs IAM Identity Center)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
