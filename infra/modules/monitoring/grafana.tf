# Amazon Managed Grafana, opt-in: it signs people in through IAM Identity Center, which must be enabled
# in the account (or organisation) first. The workspace reads the Prometheus workspace with this role;
# deploy/monitoring/dashboard.json is imported into it (docs/deploying.md, "Monitoring").
resource "aws_grafana_workspace" "this" {
  count = var.grafana_enabled ? 1 : 0

  name                     = var.name
  description              = "Partyline ${var.environment_name} dashboards"
  account_access_type      = "CURRENT_ACCOUNT"
  authentication_providers = ["AWS_SSO"]
  permission_type          = "CUSTOMER_MANAGED"
  data_sources             = ["PROMETHEUS"]
  role_arn                 = aws_iam_role.grafana[0].arn
  tags                     = var.tags
}

data "aws_iam_policy_document" "grafana_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["grafana.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "grafana" {
  count = var.grafana_enabled ? 1 : 0

  name               = "${var.name}-grafana"
  assume_role_policy = data.aws_iam_policy_document.grafana_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "grafana_reads_prometheus" {
  statement {
    sid       = "QueryThisWorkspace"
    actions   = ["aps:QueryMetrics", "aps:GetSeries", "aps:GetLabels", "aps:GetMetricMetadata", "aps:DescribeWorkspace"]
    resources = [aws_prometheus_workspace.this.arn]
  }
}

resource "aws_iam_role_policy" "grafana" {
  count = var.grafana_enabled ? 1 : 0

  name   = "read-prometheus"
  role   = aws_iam_role.grafana[0].id
  policy = data.aws_iam_policy_document.grafana_reads_prometheus.json
}
