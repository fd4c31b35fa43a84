variable "name" {
  description = "Name prefix, e.g. partyline-staging."
  type        = string
}

variable "environment_name" {
  description = "Deployment environment (staging, production), used in names and log group paths."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster the metrics collector runs in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the collector task runs in."
  type        = list(string)
}

variable "scraper_security_group_id" {
  description = "Security group of the collector; the services' ops ports admit only this group."
  type        = string
}

variable "scrape_targets" {
  description = "Prometheus job name => the DNS name that resolves to every task of the service, and its ops port."
  type = map(object({
    dns_name = string
    port     = number
  }))
}

variable "collector_image" {
  description = "AWS Distro for OpenTelemetry collector image (pinned tag)."
  type        = string
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"
}

variable "kms_key_arn" {
  description = "KMS key of the environment: encrypts the workspace, the alert topic and the log groups."
  type        = string
}

variable "alert_emails" {
  description = "Addresses subscribed to the alert topic (each confirms by email). Other subscribers (chat, paging) can be added to the topic outside this module."
  type        = list(string)
  default     = []
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB (the LoadBalancer dimension of the 5xx alarms)."
  type        = string
}

variable "target_group_arn_suffixes" {
  description = "Target group name => ARN suffix; one 5xx-ratio alarm each."
  type        = map(string)
}

variable "msk_cluster_name" {
  description = "Name of the MSK cluster (the Cluster Name dimension of the consumer-lag alarms)."
  type        = string
}

variable "consumer_groups" {
  description = "Kafka consumer group => the topic it consumes; one lag alarm each."
  type        = map(string)
}

variable "consumer_lag_threshold" {
  description = "Events a consumer group may be behind for 10 minutes before its alarm fires."
  type        = number
  default     = 1000
}

variable "grafana_enabled" {
  description = "Create an Amazon Managed Grafana workspace (needs IAM Identity Center enabled in the account)."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention in days of the workspace's and the collector's log groups."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
