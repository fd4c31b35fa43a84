# The scraper: one AWS Distro for OpenTelemetry collector task. It finds the service tasks through the
# private DNS namespace (one A record per task), scrapes each task's ops port every 15 s, and
# remote-writes to the workspace with SigV4. The ops ports admit only its security group.
locals {
  collector_config = yamlencode({
    extensions = {
      sigv4auth    = { region = data.aws_region.current.name, service = "aps" }
      health_check = {}
    }
    receivers = {
      prometheus = {
        config = {
          global = { scrape_interval = "15s", scrape_timeout = "10s" }
          scrape_configs = [for job, t in var.scrape_targets : {
            job_name       = job
            metrics_path   = "/metrics"
            dns_sd_configs = [{ names = [t.dns_name], type = "A", port = t.port, refresh_interval = "30s" }]
          }]
        }
      }
    }
    exporters = {
      prometheusremotewrite = {
        endpoint                         = "${aws_prometheus_workspace.this.prometheus_endpoint}api/v1/remote_write"
        auth                             = { authenticator = "sigv4auth" }
        resource_to_telemetry_conversion = { enabled = true }
      }
    }
    service = {
      extensions = ["sigv4auth", "health_check"]
      pipelines  = { metrics = { receivers = ["prometheus"], exporters = ["prometheusremotewrite"] } }
    }
  })
}

resource "aws_cloudwatch_log_group" "collector" {
  #checkov:skip=CKV_AWS_338:the collector's own logs (scrape errors) are for operating it; kept as long as the services' logs (log_retention_days)
  name              = "/partyline/${var.environment_name}/metrics-collector"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

module "collector" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "5.12.1"

  name        = "metrics-collector"
  cluster_arn = var.cluster_arn
  family      = "${var.environment_name}-metrics-collector"
  cpu         = 256
  memory      = 512

  container_definitions = {
    collector = {
      image     = var.collector_image
      essential = true
      user      = "10001:10001"

      environment = [{ name = "AOT_CONFIG_CONTENT", value = local.collector_config }]

      readonly_root_filesystem = true
      health_check = {
        command     = ["/healthcheck"]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 15
      }

      enable_cloudwatch_logging   = true
      create_cloudwatch_log_group = false
      cloudwatch_log_group_name   = aws_cloudwatch_log_group.collector.name
      log_configuration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.collector.name
          awslogs-region        = data.aws_region.current.name
          awslogs-stream-prefix = "collector"
        }
      }
    }
  }

  # What the collector itself may call: remote write into this workspace, nothing else.
  tasks_iam_role_statements = [{
    sid       = "RemoteWrite"
    actions   = ["aps:RemoteWrite"]
    resources = [aws_prometheus_workspace.this.arn]
  }]

  subnet_ids            = var.subnet_ids
  security_group_ids    = [var.scraper_security_group_id]
  create_security_group = false

  desired_count          = 1
  enable_autoscaling     = false
  enable_execute_command = false
  # The collector reads no secret and no parameter (the module would otherwise allow every one).
  task_exec_secret_arns    = []
  task_exec_ssm_param_arns = []
  propagate_tags           = "SERVICE"

  tags = var.tags
}
