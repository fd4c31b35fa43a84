output "repository_urls" {
  description = "Repository URL per service (what `docker push` and the task definitions use)."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}

output "repository_arns" {
  description = "Repository ARN per service, for the CI role's push permissions."
  value       = { for k, r in aws_ecr_repository.this : k => r.arn }
}
