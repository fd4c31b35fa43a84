variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "domain_name" {
  description = "Public hostname of the app, e.g. chat.example.com."
  type        = string
}

variable "hosted_zone_id" {
  description = "Route 53 hosted zone ID that holds domain_name."
  type        = string
}

variable "github_repository" {
  description = "owner/name of the GitHub repository allowed to deploy this environment."
  type        = string
}

variable "github_oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider for token.actions.githubusercontent.com in this account."
  type        = string
}

variable "jwt_key_id" {
  description = "kid of the access-token signing key stored in the jwt-private-key secret."
  type        = string
}

variable "google_client_id" {
  description = "Google OAuth client id; empty disables Google sign-in."
  type        = string
  default     = ""
}

variable "github_client_id" {
  description = "GitHub OAuth app client id; empty disables GitHub sign-in."
  type        = string
  default     = ""
}

variable "image_tag" {
  description = "Image tag of the first task definitions; later deploys come from CI."
  type        = string
  default     = "bootstrap"
}
