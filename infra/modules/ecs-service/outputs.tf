output "service_name" {
  description = "Name of the ECS service (what CI passes to `aws ecs update-service`)."
  value       = module.service.name
}

output "task_definition_family" {
  description = "Task definition family CI registers new revisions in."
  value       = module.service.task_definition_family
}

output "security_group_id" {
  description = "Security group of the tasks; data stores allow ingress from it."
  value       = module.service.security_group_id
}

output "task_role_arn" {
  description = "ARN of the IAM role the application runs as."
  value       = module.service.tasks_iam_role_arn
}

output "task_execution_role_arn" {
  description = "ARN of the IAM role ECS uses to pull the image and read the secrets."
  value       = module.service.task_exec_iam_role_arn
}

output "log_group_name" {
  description = "CloudWatch log group of the service."
  value       = aws_cloudwatch_log_group.this.name
}

output "service_discovery_name" {
  description = "Name of the service in the private DNS namespace (tasks resolve as <name>.<namespace>)."
  value       = aws_service_discovery_service.this.name
}
