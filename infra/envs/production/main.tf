provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "partyline"
      Environment = "production"
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
      Environment = "production"
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

  environment_name = "production"
  domain_name      = var.domain_name
  hosted_zone_id   = var.hosted_zone_id
  image_tag        = var.image_tag

  vpc_cidr           = "10.30.0.0/16"
  az_count           = 3
  single_nat_gateway = false

  services = {
    accounts = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 6, desired_count = 2 }
    messages = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 30, desired_count = 3 }
  }

  data_stores = {
    postgres_instance_class = "db.m7g.large"
    postgres_multi_az       = true
    redis_node_type         = "cache.m7g.large"
    redis_replicas          = 1
    kafka_instance_type     = "kafka.m7g.large"
    docdb_instance_class    = "db.r6g.large"
    docdb_instance_count    = 2
  }

  deletion_protection = true
  log_retention_days  = 90

  jwt_key_id               = var.jwt_key_id
  google_client_id         = var.google_client_id
  github_client_id         = var.github_client_id
  github_repository        = var.github_repository
  github_oidc_provider_arn = var.github_oidc_provider_arn
}
