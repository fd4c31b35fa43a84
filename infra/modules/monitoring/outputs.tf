output "prometheus_workspace_id" {
  description = "ID of the Amazon Managed Service for Prometheus workspace."
  value       = aws_prometheus_workspace.this.id
}

output "prometheus_endpoint" {
  description = "Prometheus-compatible endpoint of the workspace (query with SigV4; Grafana's data source URL)."
  value       = aws_prometheus_workspace.this.prometheus_endpoint
}

output "alert_topic_arn" {
  description = "SNS topic every alert (Prometheus rules and CloudWatch alarms) is published to."
  value       = aws_sns_topic.alerts.arn
}

output "grafana_endpoint" {
  description = "Host name of the Managed Grafana workspace (open https://<it>), or null when grafana_enabled is false."
  value       = try(aws_grafana_workspace.this[0].endpoint, null)
}
