# Attachments in messages: a private bucket that browsers reach only through presigned URLs issued by
# messages-service (uploads under pending/, moved to files/ once checked; thumbnails/). Nothing is public;
# the service's task role is the only principal that signs, and only for this bucket.

data "aws_caller_identity" "current" {}

locals {
  bucket_name = "${var.name}-attachments-${data.aws_caller_identity.current.account_id}"
  bucket_arn  = "arn:aws:s3:::${local.bucket_name}"
}

module "bucket" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.11.0"

  bucket        = local.bucket_name
  force_destroy = !var.deletion_protection

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  control_object_ownership = true
  object_ownership         = "BucketOwnerEnforced"

  # Versioned so an overwrite or a mistaken delete can be undone for a day; a deleted message's files are
  # then really gone (noncurrent versions expire below).
  versioning = { enabled = true }
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = var.kms_key_arn
      }
      bucket_key_enabled = true
    }
  }

  # The browser PUTs (uploads) and GETs (downloads, inline images) with presigned URLs from the app's pages.
  cors_rule = [{
    allowed_methods = ["PUT", "GET", "HEAD"]
    allowed_origins = var.app_origins
    allowed_headers = ["content-type", "content-length"]
    expose_headers  = ["ETag"]
    max_age_seconds = 600
  }]

  lifecycle_rule = [
    {
      # Granted uploads that were never completed (the service's own sweep removes the rest).
      id                                     = "expire-pending-uploads"
      enabled                                = true
      filter                                 = { prefix = "pending/" }
      expiration                             = { days = var.pending_expiration_days }
      noncurrent_version_expiration          = { days = 1 }
      abort_incomplete_multipart_upload_days = 1
    },
    {
      # Avatar uploads that were never completed (accounts-service turns a completed one into its own
      # object and deletes the upload).
      id                                     = "expire-pending-avatar-uploads"
      enabled                                = true
      filter                                 = { prefix = "avatars/uploads/" }
      expiration                             = { days = var.pending_expiration_days }
      noncurrent_version_expiration          = { days = 1 }
      abort_incomplete_multipart_upload_days = 1
    },
    {
      id                                     = "expire-deleted-files"
      enabled                                = true
      filter                                 = {}
      noncurrent_version_expiration          = { days = 1 }
      expiration                             = { expired_object_delete_marker = true }
      abort_incomplete_multipart_upload_days = 1
    },
  ]

  attach_deny_insecure_transport_policy = true

  tags = merge(var.tags, { Name = local.bucket_name })
}
