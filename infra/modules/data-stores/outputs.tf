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

output "postgres_endpoint" {
  description = "RDS endpoint (host:port) of PostgreSQL, for operators."
  value       = module.postgres.db_instance_endpoint
}

output "redis_primary_endpoint" {
  description = "Primary endpoint of the Redis replication group, for operators."
  value       = aws_elasticache_replication_group.redis.primary_endpoint_address
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
