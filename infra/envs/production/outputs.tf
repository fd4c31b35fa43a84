output "public_url" {
  description = "The app's URL."
  value       = module.partyline.public_url
}

output "github_environment_variables" {
  description = "Variables to set on the GitHub environment of the same name for the deploy workflow."
  value       = module.partyline.github_environment_variables
}

output "operator_secret_names" {
  description = "Secrets whose values must be put before the first deploy (docs/deploying.md)."
  value       = module.partyline.operator_secret_names
}

output "ecs_services" {
  description = "ECS service and task definition family per service."
  value       = module.partyline.ecs_services
}

output "ecr_repository_urls" {
  description = "ECR repository URL per service."
  value       = module.partyline.ecr_repository_urls
}
