data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:only the first az_count names are used (slice below); AWS names a new zone with the next letter, which sorts after them, so the zones in use never change; an allowlist of names would have to be written per region
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # Each tier gets one /20 per AZ, at a fixed offset so adding an AZ never renumbers a subnet.
  public_subnets      = [for i, _ in local.azs : cidrsubnet(var.cidr, 4, i)]
  private_subnets     = [for i, _ in local.azs : cidrsubnet(var.cidr, 4, i + 4)]
  database_subnets    = [for i, _ in local.azs : cidrsubnet(var.cidr, 4, i + 8)]
  elasticache_subnets = [for i, _ in local.azs : cidrsubnet(var.cidr, 4, i + 12)]
}

module "vpc" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.21.0"

  name = var.name
  cidr = var.cidr
  azs  = local.azs

  # Public: the ALB and NAT gateways. Private: Fargate tasks and MSK brokers (egress through NAT for
  # ECR, Secrets Manager, CloudWatch and OAuth providers). Database/ElastiCache: no route out at all.
  public_subnets      = local.public_subnets
  private_subnets     = local.private_subnets
  database_subnets    = local.database_subnets
  elasticache_subnets = local.elasticache_subnets

  create_database_subnet_group       = true
  create_database_subnet_route_table = true
  create_elasticache_subnet_group    = true

  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  enable_dns_hostnames = true
  enable_dns_support   = true

  enable_flow_log                                 = true
  create_flow_log_cloudwatch_log_group            = true
  create_flow_log_cloudwatch_iam_role             = true
  flow_log_cloudwatch_log_group_retention_in_days = var.flow_log_retention_days
  flow_log_max_aggregation_interval               = 60

  tags = var.tags
}
