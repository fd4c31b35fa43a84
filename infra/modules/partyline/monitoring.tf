module "monitoring" {
  source = "../monitoring"

  name                      = local.name
  environment_name          = var.environment_name
  cluster_arn               = module.cluster.arn
  subnet_ids                = module.network.private_subnet_ids
  scraper_security_group_id = aws_security_group.scraper.id
  kms_key_arn               = aws_kms_key.this.arn
  log_retention_days        = var.log_retention_days

  # Prometheus job names = service names, as deploy/monitoring/alerts.yml expects them.
  scrape_targets = {
    for service, port in local.ops_ports : service => {
      dns_name = "${service}.${aws_service_discovery_private_dns_namespace.this.name}"
      port     = port
    }
  }

  alb_arn_suffix            = module.edge.alb_arn_suffix
  target_group_arn_suffixes = module.edge.target_group_arn_suffixes
  msk_cluster_name          = module.data_stores.msk_cluster_name
  consumer_groups = {
    "messages-service.users"       = "accounts.user-events"
    "accounts-service.memberships" = "messages.party-events"
  }

  alert_emails    = var.alert_emails
  grafana_enabled = var.grafana_enabled

  tags = local.tags
}
