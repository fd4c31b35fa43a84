output "public_url" {
  description = "The app's URL."
  value       = local.public_url
}

output "ci_role_arn" {
  description = "IAM role the deploy workflow assumes (GitHub environment variable AWS_ROLE_ARN)."
  value       = aws_iam_role.ci_deploy.arn
}

output "ecs_cluster_name" {
  description = "ECS cluster name (GitHub environment variable ECS_CLUSTER)."
  value       = module.cluster.name
}

output "ecs_services" {
  description = "ECS service name and task definition family per service."
  value = {
    accounts-service = { service = module.accounts_service.service_name, family = module.accounts_service.task_definition_family }
    messages-service = { service = module.messages_service.service_name, family = module.messages_service.task_definition_family }
  }
}

output "ecr_repository_urls" {
  description = "ECR repository URL per service."
  value       = module.registry.repository_urls
}

output "client_bucket_name" {
  description = "S3 bucket of the SPA (GitHub environment variable CLIENT_BUCKET)."
  value       = module.edge.client_bucket_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution ID (GitHub environment variable CLOUDFRONT_DISTRIBUTION_ID)."
  value       = module.edge.cloudfront_distribution_id
}

output "operator_secret_names" {
  description = "Secrets Manager secrets whose values an operator must put before the first deploy."
  value       = [for s in aws_secretsmanager_secret.operator : s.name]
}

output "github_environment_variables" {
  description = "Variables to set on the GitHub environment of the same name (Settings → Environments)."
  value = {
    AWS_ROLE_ARN               = aws_iam_role.ci_deploy.arn
    AWS_REGION                 = data.aws_region.current.name
    ECS_CLUSTER                = module.cluster.name
    ECR_REGISTRY               = split("/", module.registry.repository_urls["accounts-service"])[0]
    ECR_REPOSITORY_PREFIX      = "partyline/${var.environment_name}"
    CLIENT_BUCKET              = module.edge.client_bucket_name
    CLOUDFRONT_DISTRIBUTION_ID = module.edge.cloudfront_distribution_id
    PUBLIC_URL                 = local.public_url
  }
}

output "monitoring" {
  description = "Where metrics and alerts go: the Prometheus workspace endpoint, the alert topic, the Grafana URL (or null)."
  value = {
    prometheus_endpoint = module.monitoring.prometheus_endpoint
    alert_topic_arn     = module.monitoring.alert_topic_arn
    grafana_endpoint    = module.monitoring.grafana_endpoint
  }
}
