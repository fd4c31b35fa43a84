variable "name" {
  description = "Name prefix for the VPC and its resources, e.g. partyline-staging."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC; a /16 leaves room for the five /20 subnet tiers per AZ."
  type        = string
  default     = "10.20.0.0/16"
}

variable "az_count" {
  description = "Number of availability zones to spread subnets (and so tasks and data stores) over."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 4
    error_message = "az_count must be between 2 and 4 (the ALB, RDS and MSK need at least two AZs)."
  }
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway (cheaper, one AZ is a single point of failure) instead of one per AZ."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Retention in days of the VPC flow log group in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
