terraform {
  # 1.10+ for S3-native state locking (use_lockfile).
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.95"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }

  # Partial configuration: the bucket and region come from backend.hcl at init time
  # (terraform init -backend-config=backend.hcl), see docs/deploying.md.
  backend "s3" {
    key          = "partyline/staging/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
