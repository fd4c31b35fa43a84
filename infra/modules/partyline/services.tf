locals {
  kafka_brokers = module.data_stores.kafka_bootstrap_brokers

  # In Redis cluster mode both services get the redis-url secret (the configuration endpoint) as
  # REDIS_CLUSTER_NODES too, which switches them to a cluster client.
  redis_cluster_secrets = module.data_stores.redis_cluster_mode ? { REDIS_CLUSTER_NODES = module.data_stores.redis_url_secret_arn } : {}

  # Internal operations ports (/metrics, /readyz, /openapi.json): in no listener, open to the scraper only.
  ops_ports = { accounts-service = 9401, messages-service = 9402 }

  common_environment = {
    LOG_LEVEL     = var.log_level
    KAFKA_BROKERS = local.kafka_brokers
    # The topics the services create get the cluster's settings (3 brokers: 3 copies, 2 to acknowledge).
    KAFKA_REPLICATION_FACTOR  = module.data_stores.kafka_replication_factor
    KAFKA_MIN_INSYNC_REPLICAS = module.data_stores.kafka_min_insync_replicas
    JWT_ISSUER                = "partyline-accounts"
    JWT_AUDIENCE              = "partyline"
    # The services bind 127.0.0.1 unless told otherwise; in a task the ALB and the scraper reach them
    # on the task's own address (awsvpc), so both ports listen on every interface of the task.
    HOST     = "0.0.0.0"
    OPS_HOST = "0.0.0.0"
    # Two proxies stand in front of every request: CloudFront appends the viewer's address to
    # X-Forwarded-For, the ALB appends CloudFront's (edge module, xff_header_processing_mode). Trusting
    # exactly these two hops makes req.ip the viewer, whatever a client writes into the header itself.
    TRUST_PROXY = "2"
  }
}

module "accounts_service" {
  source = "../ecs-service"

  name             = "accounts-service"
  environment_name = var.environment_name
  cluster_arn      = module.cluster.arn
  image            = "${module.registry.repository_urls["accounts-service"]}:${var.image_tag}"
  container_port   = 4001
  ops_port         = local.ops_ports["accounts-service"]
  cpu              = var.services["accounts"].cpu
  memory           = var.services["accounts"].memory
  desired_count    = var.services["accounts"].desired_count
  min_capacity     = var.services["accounts"].min_capacity
  max_capacity     = var.services["accounts"].max_capacity

  environment = merge(local.common_environment, {
    PORT          = "4001"
    OPS_PORT      = "9401"
    PUBLIC_URL    = local.public_url
    JWT_KEY_ID    = var.jwt_key_id
    DEV_SIGNIN    = "false"
    COOKIE_SECURE = "true"
    # Avatars in the attachments' bucket (prefix avatars/): the task role signs the presigned URLs.
    S3_BUCKET = module.attachments.bucket_name
    S3_REGION = data.aws_region.current.name
    }, var.google_client_id == "" ? {} : { GOOGLE_CLIENT_ID = var.google_client_id },
    var.github_client_id == "" ? {} : { GITHUB_CLIENT_ID = var.github_client_id },
  )

  secrets = merge({
    MONGO_URL       = module.data_stores.mongo_url_secret_arn
    REDIS_URL       = module.data_stores.redis_url_secret_arn
    JWT_PRIVATE_KEY = aws_secretsmanager_secret.operator["jwt-private-key"].arn
    }, var.google_client_id == "" ? {} : { GOOGLE_CLIENT_SECRET = aws_secretsmanager_secret.operator["google-client-secret"].arn },
    var.github_client_id == "" ? {} : { GITHUB_CLIENT_SECRET = aws_secretsmanager_secret.operator["github-client-secret"].arn },
    local.redis_cluster_secrets,
  )

  vpc_id                         = module.network.vpc_id
  subnet_ids                     = module.network.private_subnet_ids
  additional_security_group_ids  = [aws_security_group.app.id]
  alb_security_group_id          = module.edge.alb_security_group_id
  scraper_security_group_id      = aws_security_group.scraper.id
  kms_key_arn                    = aws_kms_key.this.arn
  service_discovery_namespace_id = aws_service_discovery_private_dns_namespace.this.id
  target_group_arn               = module.edge.accounts_target_group_arn
  log_retention_days             = var.log_retention_days
  task_role_statements           = module.attachments.task_role_statements

  tags = local.tags
}

module "messages_service" {
  source = "../ecs-service"

  name             = "messages-service"
  environment_name = var.environment_name
  cluster_arn      = module.cluster.arn
  image            = "${module.registry.repository_urls["messages-service"]}:${var.image_tag}"
  container_port   = 4002
  ops_port         = local.ops_ports["messages-service"]
  cpu              = var.services["messages"].cpu
  memory           = var.services["messages"].memory
  desired_count    = var.services["messages"].desired_count
  min_capacity     = var.services["messages"].min_capacity
  max_capacity     = var.services["messages"].max_capacity

  # Migrations run at start; give the first task time before the ALB's verdict counts.
  health_check_grace_period_seconds = 120

  environment = merge(local.common_environment, {
    PORT            = "4002"
    OPS_PORT        = "9402"
    JWKS_URL        = "${local.public_url}/.well-known/jwks.json"
    ALLOWED_ORIGINS = local.public_url
    # Attachments: the task role signs the presigned URLs (no keys in the environment).
    S3_BUCKET = module.attachments.bucket_name
    S3_REGION = data.aws_region.current.name
  })

  secrets = merge({
    POSTGRES_URL = module.data_stores.postgres_url_secret_arn
    REDIS_URL    = module.data_stores.redis_url_secret_arn
  }, local.redis_cluster_secrets)

  vpc_id                         = module.network.vpc_id
  subnet_ids                     = module.network.private_subnet_ids
  additional_security_group_ids  = [aws_security_group.app.id]
  alb_security_group_id          = module.edge.alb_security_group_id
  scraper_security_group_id      = aws_security_group.scraper.id
  kms_key_arn                    = aws_kms_key.this.arn
  service_discovery_namespace_id = aws_service_discovery_private_dns_namespace.this.id
  target_group_arn               = module.edge.messages_target_group_arn
  log_retention_days             = var.log_retention_days
  task_role_statements           = module.attachments.task_role_statements

  tags = local.tags
}
