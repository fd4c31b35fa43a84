output "bucket_name" {
  description = "Name of the attachments bucket (messages-service reads it from its S3 bucket setting)."
  value       = module.bucket.s3_bucket_id
}

output "browser_origin" {
  description = "The bucket's https origin, to which browsers PUT uploads and from which they GET files (the SPA's CSP connect-src)."
  value       = "https://${module.bucket.s3_bucket_bucket_regional_domain_name}"
}

output "bucket_arn" {
  description = "ARN of the attachments bucket."
  value       = module.bucket.s3_bucket_arn
}

output "task_role_statements" {
  description = "IAM statements for messages-service's task role: objects of this bucket only, and the key that encrypts them."
  value = [
    {
      sid       = "AttachmentObjects"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
      resources = ["${local.bucket_arn}/*"]
    },
    {
      # HeadObject of a missing key answers 404 (not 403) only with ListBucket.
      sid       = "AttachmentBucket"
      actions   = ["s3:ListBucket"]
      resources = [local.bucket_arn]
    },
    {
      sid       = "AttachmentEncryption"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [var.kms_key_arn]
    },
  ]
}
