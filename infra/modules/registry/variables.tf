variable "name" {
  description = "Repository name prefix, e.g. partyline/staging."
  type        = string
}

variable "repositories" {
  description = "Image repositories to create under the prefix (one per deployable service)."
  type        = set(string)
  default     = ["accounts-service", "messages-service"]
}

variable "keep_images" {
  description = "How many tagged images each repository keeps (older ones expire; rollbacks need a few)."
  type        = number
  default     = 30
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the images at rest (fixed at creation: changing it replaces the repositories)."
  type        = string
}

variable "force_delete" {
  description = "Allow destroying a repository that still holds images."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
