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
  name_prefix = "${local.name}-app-"
  description = "Partyline app tasks (clients of the data stores)"
  vpc_id      = module.network.vpc_id
  tags        = merge(local.tags, { Name = "${local.name}-app" })

  lifecycle {
    create_before_destroy = true
  }
}

module "registry" {
  source = "../registry"

  name         = "partyline/${var.environment_name}"
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
  deletion_protection           = var.deletion_protection

  postgres_instance_class = var.data_stores.postgres_instance_class
  postgres_multi_az       = var.data_stores.postgres_multi_az
  redis_node_type         = var.data_stores.redis_node_type
  redis_replicas          = var.data_stores.redis_replicas
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

  name                = local.name
  vpc_id              = module.network.vpc_id
  public_subnet_ids   = module.network.public_subnet_ids
  hosted_zone_id      = var.hosted_zone_id
  domain_name         = var.domain_name
  origin_domain_name  = local.origin_domain_name
  deletion_protection = var.deletion_protection
  tags                = local.tags
}

module "cluster" {
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

  tags = local.tags
}
