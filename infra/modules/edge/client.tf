# The SPA: a private S3 bucket read only by this CloudFront distribution (origin access control).

data "aws_caller_identity" "current" {}

module "client_bucket" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.11.0"

  bucket        = "${var.name}-client-${data.aws_caller_identity.current.account_id}"
  force_destroy = !var.deletion_protection

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  control_object_ownership = true
  object_ownership         = "BucketOwnerEnforced"

  versioning = { enabled = true }
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = { sse_algorithm = "AES256" }
    }
  }
  lifecycle_rule = [{
    id                                     = "expire-old-builds"
    enabled                                = true
    noncurrent_version_expiration          = { days = 30 }
    abort_incomplete_multipart_upload_days = 7
  }]

  attach_policy                         = true
  policy                                = data.aws_iam_policy_document.client_bucket.json
  attach_deny_insecure_transport_policy = true

  tags = var.tags
}

data "aws_iam_policy_document" "client_bucket" {
  statement {
    sid       = "CloudFrontReadsTheSPA"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${var.name}-client-${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

resource "aws_cloudfront_origin_access_control" "client" {
  name                              = "${var.name}-client"
  description                       = "CloudFront reads the Partyline SPA bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# History-API routes (/parties/…) have no file in the bucket: serve index.html for any path without
# a file extension. Done per request on the S3 behaviour only, so API 404s are never rewritten (a
# distribution-wide custom error response would turn them into HTML).
resource "aws_cloudfront_function" "spa_fallback" {
  name    = "${var.name}-spa-fallback"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for client-side routes"
  publish = true
  code    = <<-JS
    function handler(event) {
      var request = event.request;
      if (!/\.[A-Za-z0-9]+$/.test(request.uri)) {
        request.uri = '/index.html';
      }
      return request;
    }
  JS
}
