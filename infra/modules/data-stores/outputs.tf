output "postgres_url_secret_arn" {
  description = "Secrets Manager ARN of POSTGRES_URL (messages-service)."
  value       = aws_secretsmanager_secret.url["postgres-url"].arn
}

output "redis_url_secret_arn" {
  description = "Secrets Manager ARN of REDIS_URL (both services)."
  value       = aws_secretsmanager_secret.url["redis-url"].arn
}

output "mongo_url_secret_arn" {
  description = "Secrets Manager ARN of MONGO_URL (accounts-service)."
  value       = aws_secretsmanager_secret.url["mongo-url"].arn
}

output "secret_arns" {
  description = "Every connection-string secret this module writes, for IAM policies."
  value       = [for s in aws_secretsmanager_secret.url : s.arn]
}

output "kafka_bootstrap_brokers" {
  description = "Comma list of MSK bootstrap brokers for KAFKA_BROKERS (TLS listeners when client encryption is TLS only, else plaintext)."
  value       = var.kafka_client_broker_encryption == "TLS" ? aws_msk_cluster.this.bootstrap_brokers_tls : aws_msk_cluster.this.bootstrap_brokers
}

output "kafka_replication_factor" {
  description = "Copies of each partition (the MSK default and KAFKA_REPLICATION_FACTOR of the services' topics)."
  value       = local.kafka_replication_factor
}

output "kafka_min_insync_replicas" {
  description = "Copies that must acknowledge a write (the MSK default and KAFKA_MIN_INSYNC_REPLICAS)."
  value       = local.kafka_min_insync_replicas
}

output "postgres_endpoint" {
  description = "RDS endpoint (host:port) of PostgreSQL, for operators."
  value       = module.postgres.db_instance_endpoint
}

output "redis_endpoint" {
  description = "The Redis endpoint the URL names, for operators: the configuration endpoint in cluster mode, else the primary endpoint."
  value       = local.redis_endpoint
}

output "redis_cluster_mode" {
  description = "Whether Redis runs in cluster mode (the services are then given REDIS_CLUSTER_NODES)."
  value       = var.redis_cluster_mode
}

output "docdb_endpoint" {
  description = "Cluster (writer) endpoint of DocumentDB, for operators."
  value       = aws_docdb_cluster.this.endpoint
}

output "msk_cluster_arn" {
  description = "ARN of the MSK cluster."
  value       = aws_msk_cluster.this.arn
}

output "msk_cluster_name" {
  description = "Name of the MSK cluster (the Cluster Name dimension of its CloudWatch metrics)."
  value       = aws_msk_cluster.this.cluster_name
}
