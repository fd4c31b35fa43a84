variable "name" {
  description = "Name prefix of every data store, e.g. partyline-staging."
  type        = string
}

variable "vpc_id" {
  description = "VPC the data stores live in."
  type        = string
}

variable "client_security_group_ids" {
  description = "Security groups allowed to reach the data stores (the app tasks)."
  type        = list(string)
}

variable "database_subnet_ids" {
  description = "Isolated subnets for DocumentDB."
  type        = list(string)
}

variable "database_subnet_group_name" {
  description = "RDS subnet group (over the isolated database subnets)."
  type        = string
}

variable "elasticache_subnet_group_name" {
  description = "ElastiCache subnet group."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the MSK brokers, one broker per subnet (per AZ)."
  type        = list(string)
}

variable "secret_prefix" {
  description = "Prefix of the Secrets Manager secret names, e.g. partyline/staging/."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the stores at rest, their secrets and log groups."
  type        = string
}

variable "deletion_protection" {
  description = "Protect RDS and DocumentDB from deletion, and take final snapshots."
  type        = bool
  default     = true
}

# --- PostgreSQL (messages-service) ---

variable "postgres_instance_class" {
  description = "RDS instance class of the PostgreSQL 15 instance."
  type        = string
  default     = "db.t4g.medium"
}

variable "postgres_allocated_storage" {
  description = "Initial gp3 storage in GiB."
  type        = number
  default     = 50
}

variable "postgres_max_allocated_storage" {
  description = "Ceiling in GiB for RDS storage autoscaling."
  type        = number
  default     = 500
}

variable "postgres_multi_az" {
  description = "Run a synchronous standby in a second AZ."
  type        = bool
  default     = true
}

variable "postgres_backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 14
}

# --- Redis (socket.io adapter, presence, rate limits) ---

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.medium"
}

variable "redis_replicas" {
  description = "Replicas next to each primary, in other AZs (at least 1: failover is automatic)."
  type        = number
  default     = 1

  validation {
    condition     = var.redis_replicas >= 1
    error_message = "redis_replicas must be at least 1 (Multi-AZ with automatic failover)."
  }
}

variable "redis_cluster_mode" {
  description = "ElastiCache cluster mode: redis_shards primaries, each with redis_replicas replicas, and the services on a cluster client (REDIS_CLUSTER_NODES). Off: one primary."
  type        = bool
  default     = false
}

variable "redis_shards" {
  description = "Shards (node groups, each a primary owning a share of the 16,384 slots) in cluster mode."
  type        = number
  default     = 3

  validation {
    condition     = var.redis_shards >= 1 && var.redis_shards <= 500
    error_message = "redis_shards must be between 1 and 500."
  }
}

# --- Kafka (MSK) ---

variable "kafka_brokers_per_az" {
  description = "MSK brokers in each private subnet's AZ (3 AZs x 1 = 3 brokers: replication factor 3, min.insync.replicas 2)."
  type        = number
  default     = 1

  validation {
    condition     = var.kafka_brokers_per_az >= 1
    error_message = "kafka_brokers_per_az must be at least 1."
  }
}

variable "kafka_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.t3.small"
}

variable "kafka_volume_size" {
  description = "EBS volume per broker in GiB."
  type        = number
  default     = 100
}

variable "kafka_client_broker_encryption" {
  description = "MSK client-broker encryption: TLS, or TLS_PLAINTEXT while the services' Kafka client has no TLS switch (KAFKA_BROKERS then lists the plaintext listeners, inside the VPC only)."
  type        = string
  default     = "TLS_PLAINTEXT"

  validation {
    condition     = contains(["TLS", "TLS_PLAINTEXT"], var.kafka_client_broker_encryption)
    error_message = "kafka_client_broker_encryption must be TLS or TLS_PLAINTEXT."
  }
}

# --- DocumentDB (accounts-service) ---

variable "docdb_instance_class" {
  description = "DocumentDB instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "docdb_instance_count" {
  description = "DocumentDB instances (1 primary + replicas, spread over AZs)."
  type        = number
  default     = 2
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
