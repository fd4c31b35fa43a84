variable "name" {
  description = "Service name; also the container name, task family and log stream prefix (e.g. accounts-service)."
  type        = string
}

variable "environment_name" {
  description = "Deployment environment (staging, production), used in names and the log group path."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster the service runs in."
  type        = string
}

variable "image" {
  description = "Container image (repository URL and tag) of the first task definition. CI deploys later images by registering new revisions of the same family."
  type        = string
}

variable "container_port" {
  description = "Port the service listens on inside the task (its PORT)."
  type        = number
}

variable "ops_port" {
  description = "Internal operations port of the service (its OPS_PORT: /metrics, /readyz, /openapi.json); reachable from the scraper only, never from the load balancer."
  type        = number

  validation {
    condition     = var.ops_port >= 1024 && var.ops_port <= 65535
    error_message = "ops_port must be an unprivileged port (1024-65535), distinct from container_port."
  }
}

variable "cpu" {
  description = "Fargate task CPU units (256 = 0.25 vCPU)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Fargate task memory in MiB."
  type        = number
  default     = 1024
}

variable "cpu_architecture" {
  description = "Fargate CPU architecture, X86_64 or ARM64; must match the pushed image."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "environment" {
  description = "Plain, non-secret environment variables of the container. Anything secret goes in `secrets`."
  type        = map(string)
  default     = {}

  validation {
    # Names that look like credentials never go in plain environment (they would show in the task
    # definition to anyone with ecs:Describe*). Key ids and token lifetimes are not secrets.
    condition = alltrue([
      for k in keys(var.environment) :
      !can(regex("(SECRET|PASSWORD|PRIVATE|TOKEN|KEY|CREDENTIAL|^MONGO_URL$|^POSTGRES_URL$|^REDIS_URL$)", k)) ||
      contains(["JWT_KEY_ID", "ACCESS_TOKEN_TTL_SECONDS", "REFRESH_TOKEN_TTL_DAYS"], k)
    ])
    error_message = "A secret-looking variable is in environment; pass it in secrets (Secrets Manager ARN) instead."
  }
}

variable "secrets" {
  description = "Secret environment variables: name => Secrets Manager secret ARN (optionally with :json-key:: suffix). Injected by ECS through valueFrom at task start."
  type        = map(string)
  default     = {}
}

variable "subnet_ids" {
  description = "Private subnet IDs the tasks run in."
  type        = list(string)
}

variable "vpc_id" {
  description = "VPC ID, for the service security group."
  type        = string
}

variable "alb_security_group_id" {
  description = "Security group of the ALB, the only source allowed to reach the container port."
  type        = string
}

variable "scraper_security_group_id" {
  description = "Security group of the metrics scraper, the only source allowed to reach the ops port."
  type        = string
}

variable "service_discovery_namespace_id" {
  description = "Cloud Map private DNS namespace the tasks register in (the scraper resolves <name>.<namespace>)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the environment: encrypts the log group and the secrets the task execution role decrypts."
  type        = string
}

variable "additional_security_group_ids" {
  description = "Extra security groups for the tasks, e.g. the shared app group the data stores accept."
  type        = list(string)
  default     = []
}

variable "target_group_arn" {
  description = "ALB target group the tasks register in."
  type        = string
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores failing ALB health checks after a task starts (migrations, Kafka connect)."
  type        = number
  default     = 60
}

variable "desired_count" {
  description = "Initial number of tasks; autoscaling owns the count afterwards."
  type        = number
  default     = 2
}

variable "min_capacity" {
  description = "Minimum number of tasks kept by autoscaling."
  type        = number
  default     = 2
}

variable "max_capacity" {
  description = "Maximum number of tasks autoscaling may run."
  type        = number
  default     = 10
}

variable "cpu_target_percent" {
  description = "Average CPU utilisation autoscaling tracks."
  type        = number
  default     = 60
}

variable "memory_target_percent" {
  description = "Average memory utilisation autoscaling tracks (socket-heavy services are memory bound)."
  type        = number
  default     = 70
}

variable "log_retention_days" {
  description = "Retention in days of the service's CloudWatch log group."
  type        = number
  default     = 30
}

variable "task_role_statements" {
  description = "Extra IAM policy statements for the task role (what the application itself may call)."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
