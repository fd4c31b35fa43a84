data "aws_region" "current" {}

locals {
  name          = "partyline-${var.environment_name}"
  secret_prefix = "partyline/${var.environment_name}/"
  tags          = merge({ Project = "partyline", Environment = var.environment_name }, var.tags)

  origin_domain_name = coalesce(var.origin_domain_name, "origin.${var.domain_name}")
  public_url         = "https://${var.domain_name}"
}

module "network" {
  source = "../network"

  name               = local.name
  cidr               = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

# Shared by every app task; the data stores accept connections from this group only.
resource "aws_security_group" "app" {
  #checkov:skip=CKV2_AWS_5:attached to every app task through module.*_service (additional_security_group_ids), which checkov cannot follow without downloading the ECS module
  name_prefix = "${local.name}-app-"
  description = "Partyline app tasks (clients of the data stores)"
  vpc_id      = module.network.vpc_id
  tags        = merge(local.tags, { Name = "${local.name}-app" })

  lifecycle {
    create_before_destroy = true
  }
}

# The metrics collector's group: the only source the services' ops ports admit (ecs-service), and it
# starts connections only to those ports inside the VPC and to AWS APIs over HTTPS.
resource "aws_security_group" "scraper" {
  #checkov:skip=CKV2_AWS_5:attached to the collector task through module.monitoring (security_group_ids), which checkov cannot follow without downloading the ECS module
  name_prefix = "${local.name}-scraper-"
  description = "Partyline metrics collector (scrapes the ops ports)"
  vpc_id      = module.network.vpc_id
  tags        = merge(local.tags, { Name = "${local.name}-scraper" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "scraper_to_ops_ports" {
  for_each = local.ops_ports

  security_group_id = aws_security_group.scraper.id
  cidr_ipv4         = module.network.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  description       = "Scrape ${each.key} ops port"
}

resource "aws_vpc_security_group_egress_rule" "scraper_to_aws" {
  security_group_id = aws_security_group.scraper.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "Remote write to Amazon Managed Prometheus, image pulls, logs (HTTPS through NAT)"
}

resource "aws_vpc_security_group_egress_rule" "scraper_dns" {
  for_each = toset(["udp", "tcp"])

  security_group_id = aws_security_group.scraper.id
  cidr_ipv4         = module.network.vpc_cidr_block
  ip_protocol       = each.value
  from_port         = 53
  to_port           = 53
  description       = "The VPC resolver (service discovery names)"
}

# Private DNS names of the service tasks, for the scraper: <service>.<env>.partyline.internal.
resource "aws_service_discovery_private_dns_namespace" "this" {
  name        = "${var.environment_name}.partyline.internal"
  description = "Partyline ${var.environment_name} service tasks"
  vpc         = module.network.vpc_id
  tags        = local.tags
}

module "registry" {
  source = "../registry"

  name         = "partyline/${var.environment_name}"
  kms_key_arn  = aws_kms_key.this.arn
  force_delete = !var.deletion_protection
  tags         = local.tags
}

module "data_stores" {
  source = "../data-stores"

  name                          = local.name
  vpc_id                        = module.network.vpc_id
  client_security_group_ids     = [aws_security_group.app.id]
  database_subnet_ids           = module.network.database_subnet_ids
  database_subnet_group_name    = module.network.database_subnet_group_name
  elasticache_subnet_group_name = module.network.elasticache_subnet_group_name
  private_subnet_ids            = module.network.private_subnet_ids
  secret_prefix                 = local.secret_prefix
  kms_key_arn                   = aws_kms_key.this.arn
  deletion_protection           = var.deletion_protection

  postgres_instance_class = var.data_stores.postgres_instance_class
  postgres_multi_az       = var.data_stores.postgres_multi_az
  redis_node_type         = var.data_stores.redis_node_type
  redis_replicas          = var.data_stores.redis_replicas
  redis_cluster_mode      = var.data_stores.redis_cluster_mode
  redis_shards            = var.data_stores.redis_shards
  kafka_instance_type     = var.data_stores.kafka_instance_type
  docdb_instance_class    = var.data_stores.docdb_instance_class
  docdb_instance_count    = var.data_stores.docdb_instance_count

  tags = local.tags
}

module "edge" {
  source = "../edge"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name               = local.name
  vpc_id             = module.network.vpc_id
  public_subnet_ids  = module.network.public_subnet_ids
  hosted_zone_id     = var.hosted_zone_id
  domain_name        = var.domain_name
  origin_domain_name = local.origin_domain_name
  # Browsers PUT attachments and avatars straight to the bucket with presigned URLs.
  object_store_origins = [module.attachments.browser_origin]
  deletion_protection  = var.deletion_protection
  tags                 = local.tags
}

module "cluster" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/ecs/aws//modules/cluster"
  version = "5.12.1"

  cluster_name = local.name
  cluster_settings = [{
    name  = "containerInsights"
    value = "enabled"
  }]

  fargate_capacity_providers = {
    FARGATE = {
      default_capacity_provider_strategy = {
        weight = 100
        base   = 1
      }
    }
  }

  cloudwatch_log_group_retention_in_days = var.log_retention_days
  cloudwatch_log_group_kms_key_id        = aws_kms_key.this.arn

  tags = local.tags
}
