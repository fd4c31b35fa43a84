# Redis 7 for the socket.io adapter (sharded pub/sub), presence and rate limits.
#
# Two shapes, one switch (var.redis_cluster_mode):
# - off (default): one primary and var.redis_replicas replicas in other AZs, automatic failover; the
#   services use one REDIS_URL (the primary endpoint) and a single-endpoint client. Redis 7 serves
#   SPUBLISH/SSUBSCRIBE there too.
# - on: ElastiCache cluster mode, var.redis_shards primaries with var.redis_replicas replicas each; the
#   URL names the configuration endpoint and the services are given it as REDIS_CLUSTER_NODES too, so they
#   use a cluster client (node-redis createCluster). Every multi-key use shares a hash tag (presence keys),
#   tested on a local 3+3 Redis Cluster with a primary killed (make test-redis-cluster, docs/scaling.md).
#   Switching an existing group: AWS moves it online through cluster_mode "compatible" first (set the
#   clients to cluster mode in between), which this module does not automate.
# In both shapes the AUTH token is generated here and reaches the tasks only inside the redis-url secret
# (Secrets Manager, the CMK), with TLS in transit.
locals {
  redis_endpoint = (var.redis_cluster_mode
    ? aws_elasticache_replication_group.redis.configuration_endpoint_address
  : aws_elasticache_replication_group.redis.primary_endpoint_address)
}

resource "random_password" "redis" {
  length  = 48
  special = false # AUTH tokens allow only a few symbols, and the token goes into a URL
}

resource "aws_elasticache_parameter_group" "redis" {
  # A group's cluster-enabled cannot change while a replication group uses it: a new name, created first.
  name        = var.redis_cluster_mode ? "${var.name}-redis7-cluster" : "${var.name}-redis7"
  family      = "redis7"
  description = var.redis_cluster_mode ? "Partyline Redis 7, cluster mode" : "Partyline Redis 7"

  parameter {
    name  = "cluster-enabled"
    value = var.redis_cluster_mode ? "yes" : "no"
  }

  # Presence and rate-limit keys all carry TTLs; evict those first under memory pressure.
  parameter {
    name  = "maxmemory-policy"
    value = "volatile-lru"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "${var.name}-redis"
  description          = "Partyline socket.io adapter, presence and rate limits"

  engine               = "redis"
  engine_version       = "7.1"
  node_type            = var.redis_node_type
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.redis.name

  # At least one replica in another AZ (var.redis_replicas is validated >= 1), promoted automatically:
  # per shard in cluster mode, for the one primary otherwise.
  cluster_mode               = var.redis_cluster_mode ? "enabled" : "disabled"
  num_node_groups            = var.redis_cluster_mode ? var.redis_shards : null
  replicas_per_node_group    = var.redis_cluster_mode ? var.redis_replicas : null
  num_cache_clusters         = var.redis_cluster_mode ? null : 1 + var.redis_replicas
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
  secret_string = "rediss://:${random_password.redis.result}@${local.redis_endpoint}:6379"
}
