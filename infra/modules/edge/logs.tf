# Access logs of the edge: the ALB's and CloudFront's in one bucket of the environment's region, the web
# ACL's in a bucket in us-east-1 (where a CloudFront-scoped web ACL lives). Both private, expiring.
module "logs_bucket" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.11.0"

  bucket        = "${var.name}-edge-logs-${data.aws_caller_identity.current.account_id}"
  force_destroy = !var.deletion_protection

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  # CloudFront's standard logs are written through a bucket ACL grant to its log-delivery account.
  control_object_ownership = true
  object_ownership         = "BucketOwnerPreferred"
  owner                    = { id = data.aws_canonical_user_id.current.id }
  grant = [
    { type = "CanonicalUser", permission = "FULL_CONTROL", id = data.aws_canonical_user_id.current.id },
    { type = "CanonicalUser", permission = "FULL_CONTROL", id = local.cloudfront_log_delivery_canonical_id },
  ]

  # ALB access logs only support SSE-S3.
  server_side_encryption_configuration = {
    rule = { apply_server_side_encryption_by_default = { sse_algorithm = "AES256" } }
  }
  versioning = { enabled = true }
  lifecycle_rule = [{
    id                                     = "expire-logs"
    enabled                                = true
    expiration                             = { days = var.access_log_retention_days }
    noncurrent_version_expiration          = { days = 1 }
    abort_incomplete_multipart_upload_days = 1
  }]

  attach_elb_log_delivery_policy        = true
  attach_lb_log_delivery_policy         = true
  attach_deny_insecure_transport_policy = true

  tags = var.tags
}

module "waf_logs_bucket" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.11.0"
  providers = {
    aws = aws.us_east_1
  }

  # WAF only delivers to buckets whose name starts with aws-waf-logs-.
  bucket        = "aws-waf-logs-${var.name}-${data.aws_caller_identity.current.account_id}"
  force_destroy = !var.deletion_protection

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  control_object_ownership = true
  object_ownership         = "BucketOwnerEnforced"

  server_side_encryption_configuration = {
    rule = { apply_server_side_encryption_by_default = { sse_algorithm = "AES256" } }
  }
  versioning = { enabled = true }
  lifecycle_rule = [{
    id                                     = "expire-logs"
    enabled                                = true
    expiration                             = { days = var.access_log_retention_days }
    noncurrent_version_expiration          = { days = 1 }
    abort_incomplete_multipart_upload_days = 1
  }]

  attach_waf_log_delivery_policy        = true
  attach_deny_insecure_transport_policy = true

  tags = var.tags
}

data "aws_canonical_user_id" "current" {}

locals {
  # The awslogsdelivery account CloudFront writes standard logs as (documented by CloudFront).
  cloudfront_log_delivery_canonical_id = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0"
}
