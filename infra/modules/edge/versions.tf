terraform {
  required_version = ">= 1.5.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.83, < 6.0"
      # CloudFront only accepts ACM certificates from us-east-1.
      configuration_aliases = [aws.us_east_1]
    }
  }
}
