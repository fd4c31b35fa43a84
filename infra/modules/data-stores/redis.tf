# Redis 7 for the socket.io adapter (sharded pub/sub), presence and rate limits.
#
# Cluster mode is DISABLED on purpose: the services take one REDIS_URL and use a single-endpoint
# client. Redis 7 serves SPUBLISH/SSUBSCRIBE (what @socket.io/redis-adapter's sharded mode uses) on a
# non-cluster replication group too, with a replica in another AZ and automatic failover. One shard
# carries far more pub/sub traffic than the fan-out targets need; when it stops being enough, turn
# on cluster mode here together with a cluster-aware client (createCluster) in the services.
resource "random_password" "redis" {
  length  = 48
  special = false # AUTH tokens allow only a few symbols, and the token goes into a URL
}

resource "aws_elasticache_parameter_group" "redis" {
  name        = "${var.name}-redis7"
  family      = "redis7"
  description = "Partyline Redis 7"

  # Presence and rate-limit keys all carry TTLs; evict those first under memory pressure.
  parameter {
    name  = "maxmemory-policy"
    value = "volatile-lru"
  }

  tags = var.tags
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "${var.name}-redis"
  description          = "Partyline socket.io adapter, presence and rate limits"

  engine               = "redis"
  engine_version       = "7.1"
  node_type            = var.redis_node_type
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.redis.name

  # At least one replica in another AZ (var.redis_replicas is validated >= 1), promoted automatically.
  num_cache_clusters         = 1 + var.redis_replicas
  automatic_failover_enabled = true
  multi_az_enabled           = true

  subnet_group_name  = var.elasticache_subnet_group_name
  security_group_ids = [aws_security_group.store["redis"].id]

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  auth_token                 = random_password.redis.result

  maintenance_window       = "mon:04:00-mon:05:00"
  snapshot_retention_limit = 0 # nothing in Redis needs to survive a rebuild
  apply_immediately        = false

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "redis_url" {
  secret_id     = aws_secretsmanager_secret.url["redis-url"].id
  secret_string = "rediss://:${random_password.redis.result}@${aws_elasticache_replication_group.redis.primary_endpoint_address}:6379"
}
