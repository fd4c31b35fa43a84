variable "name" {
  description = "Name prefix of the environment (partyline-<env>); the bucket is <name>-attachments-<account id>."
  type        = string
}

variable "app_origins" {
  description = "Origins (scheme://host) whose pages PUT uploads to and GET files from the bucket with presigned URLs."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the objects (SSE-KMS with a bucket key)."
  type        = string
}

variable "pending_expiration_days" {
  description = "Days after which an upload still under pending/ or avatars/uploads/ (granted but never completed) is deleted by S3."
  type        = number
  default     = 2
}

variable "deletion_protection" {
  description = "When false, terraform destroy also deletes a bucket that still holds files."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
