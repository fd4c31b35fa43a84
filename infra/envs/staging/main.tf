provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "partyline"
      Environment = "staging"
      ManagedBy   = "terraform"
    }
  }
}

# CloudFront certificates live in us-east-1 whatever the region.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Project     = "partyline"
      Environment = "staging"
      ManagedBy   = "terraform"
    }
  }
}

module "partyline" {
  source = "../../modules/partyline"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment_name = "staging"
  domain_name      = var.domain_name
  hosted_zone_id   = var.hosted_zone_id
  image_tag        = var.image_tag

  vpc_cidr           = "10.20.0.0/16"
  az_count           = 2
  single_nat_gateway = true

  services = {
    accounts = { cpu = 256, memory = 512, min_capacity = 1, max_capacity = 2, desired_count = 1 }
    messages = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 4, desired_count = 2 }
  }

  data_stores = {
    postgres_instance_class = "db.t4g.medium" # Performance Insights needs medium or larger
    postgres_multi_az       = false
    redis_node_type         = "cache.t4g.small"
    redis_replicas          = 1
    kafka_instance_type     = "kafka.t3.small"
    docdb_instance_class    = "db.t4g.medium"
    docdb_instance_count    = 1
  }

  deletion_protection = false
  log_retention_days  = 14

  jwt_key_id               = var.jwt_key_id
  google_client_id         = var.google_client_id
  github_client_id         = var.github_client_id
  github_repository        = var.github_repository
  github_oidc_provider_arn = var.github_oidc_provider_arn
}
