# Where the alert rules and the dashboard run in AWS: an Amazon Managed Service for Prometheus workspace
# (the rules of deploy/monitoring/alerts.yml, loaded as they are; its alert manager publishes to an SNS
# topic), a collector task that scrapes every service task's ops port and remote-writes to the
# workspace, CloudWatch alarms that need no service metric at all (ALB 5xx, MSK consumer lag), and
# optionally an Amazon Managed Grafana workspace for deploy/monitoring/dashboard.json.
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "prometheus" {
  #checkov:skip=CKV_AWS_338:rule-evaluation and alert-manager errors are for operating the workspace; kept as long as the services' logs (log_retention_days)
  name              = "/partyline/${var.environment_name}/prometheus"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_prometheus_workspace" "this" {
  alias       = var.name
  kms_key_arn = var.kms_key_arn

  # Rule evaluation and alert manager errors (a rule that no longer parses, SNS refusing) land here.
  logging_configuration {
    log_group_arn = "${aws_cloudwatch_log_group.prometheus.arn}:*"
  }

  tags = var.tags
}

# The very file promtool tests (scripts/promtool-test.sh), so what is tested is what runs.
resource "aws_prometheus_rule_group_namespace" "alerts" {
  name         = "partyline"
  workspace_id = aws_prometheus_workspace.this.id
  data         = file("${path.module}/../../../deploy/monitoring/alerts.yml")
}

resource "aws_prometheus_alert_manager_definition" "this" {
  workspace_id = aws_prometheus_workspace.this.id
  definition   = <<-YAML
    alertmanager_config: |
      route:
        receiver: sns
        group_by: [alertname, job]
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 4h
      receivers:
        - name: sns
          sns_configs:
            - topic_arn: ${aws_sns_topic.alerts.arn}
              sigv4:
                region: ${data.aws_region.current.name}
  YAML
}

resource "aws_sns_topic" "alerts" {
  name              = "${var.name}-alerts"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "alerts_topic" {
  statement {
    sid       = "AlertPublishers"
    actions   = ["sns:Publish", "sns:GetTopicAttributes"]
    resources = [aws_sns_topic.alerts.arn]

    principals {
      type        = "Service"
      identifiers = ["aps.amazonaws.com", "cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = data.aws_iam_policy_document.alerts_topic.json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alert_emails)

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = each.value
}
