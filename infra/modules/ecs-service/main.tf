locals {
  log_group_name = "/partyline/${var.environment_name}/${var.name}"
}

# Created here (not by the container-definition module) so its name is stable and predictable for
# operators, alarms and log insights queries.
resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_338:retention is set per environment (log_retention_days: 14 staging, 90 production); these logs name users and client addresses, so they are kept no longer than operating needs (data minimisation); the audit trail is CloudTrail
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

data "aws_region" "current" {}

# The tasks' addresses in the private DNS namespace (<name>.<namespace>, one A record per task): how the
# metrics scraper finds every task's ops port without going through the load balancer.
resource "aws_service_discovery_service" "this" {
  name = var.name

  dns_config {
    namespace_id   = var.service_discovery_namespace_id
    routing_policy = "MULTIVALUE"

    dns_records {
      type = "A"
      ttl  = 10
    }
  }

  health_check_custom_config {
    failure_threshold = 1
  }

  tags = var.tags
}

module "service" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "5.12.1"

  name        = var.name
  cluster_arn = var.cluster_arn
  family      = "${var.environment_name}-${var.name}"

  cpu    = var.cpu
  memory = var.memory
  runtime_platform = {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = {
    (var.name) = {
      image     = var.image
      essential = true
      user      = "1000:1000" # `node` in the image; the module would otherwise default to root
      # The public port (PORT: the app and /healthz) behind the ALB, and the ops port (OPS_PORT: /metrics,
      # /readyz, /openapi.json) that only the scraper's security group reaches.
      port_mappings = [
        {
          name          = "http"
          containerPort = var.container_port
          hostPort      = var.container_port
          protocol      = "tcp"
        },
        {
          name          = "ops"
          containerPort = var.ops_port
          hostPort      = var.ops_port
          protocol      = "tcp"
        },
      ]

      # Plain configuration only; every credential arrives through valueFrom (see var.secrets).
      environment = [for k, v in var.environment : { name = k, value = v }]
      secrets     = [for k, v in var.secrets : { name = k, valueFrom = v }]

      readonly_root_filesystem = true
      stop_timeout             = 30 # SIGTERM → drain sockets and consumers → exit

      health_check = {
        command     = ["CMD", "node", "-e", "fetch('http://127.0.0.1:${var.container_port}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }

      enable_cloudwatch_logging   = true
      create_cloudwatch_log_group = false
      cloudwatch_log_group_name   = aws_cloudwatch_log_group.this.name
      log_configuration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.this.name
          awslogs-region        = data.aws_region.current.name
          awslogs-stream-prefix = var.name
        }
      }
    }
  }

  # The task execution role may read exactly these secrets, nothing else.
  task_exec_secret_arns    = distinct([for arn in values(var.secrets) : regex("^(arn:[^:]+:secretsmanager:[^:]+:[^:]+:secret:[^:]+)", arn)[0]])
  task_exec_ssm_param_arns = []
  # The secrets are encrypted with the environment's key.
  task_exec_iam_statements = {
    decrypt_secrets = {
      sid       = "DecryptSecrets"
      actions   = ["kms:Decrypt"]
      resources = [var.kms_key_arn]
    }
  }

  tasks_iam_role_statements = [for s in var.task_role_statements : {
    sid       = s.sid
    actions   = s.actions
    resources = s.resources
  }]

  load_balancer = {
    service = {
      target_group_arn = var.target_group_arn
      container_name   = var.name
      container_port   = var.container_port
    }
  }
  health_check_grace_period_seconds = var.health_check_grace_period_seconds

  service_registries = {
    registry_arn = aws_service_discovery_service.this.arn
  }

  subnet_ids            = var.subnet_ids
  security_group_ids    = var.additional_security_group_ids
  create_security_group = true
  security_group_rules = {
    from_alb = {
      type                     = "ingress"
      from_port                = var.container_port
      to_port                  = var.container_port
      protocol                 = "tcp"
      description              = "Traffic from the ALB"
      source_security_group_id = var.alb_security_group_id
    }
    from_scraper = {
      type                     = "ingress"
      from_port                = var.ops_port
      to_port                  = var.ops_port
      protocol                 = "tcp"
      description              = "Metrics scraper to the ops port"
      source_security_group_id = var.scraper_security_group_id
    }
    egress_all = {
      type        = "egress"
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      description = "Data stores, Kafka, AWS APIs, OAuth providers"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  desired_count                      = var.desired_count
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  deployment_circuit_breaker = {
    enable   = true
    rollback = true
  }

  # CI deploys by registering a new revision of the family (same settings, new image) and pointing
  # the service at it; Terraform keeps owning everything else in the task definition.
  ignore_task_definition_changes = true

  enable_autoscaling       = true
  autoscaling_min_capacity = var.min_capacity
  autoscaling_max_capacity = var.max_capacity
  autoscaling_policies = {
    cpu = {
      policy_type = "TargetTrackingScaling"
      target_tracking_scaling_policy_configuration = {
        predefined_metric_specification = {
          predefined_metric_type = "ECSServiceAverageCPUUtilization"
        }
        target_value       = var.cpu_target_percent
        scale_in_cooldown  = 300
        scale_out_cooldown = 60
      }
    }
    memory = {
      policy_type = "TargetTrackingScaling"
      target_tracking_scaling_policy_configuration = {
        predefined_metric_specification = {
          predefined_metric_type = "ECSServiceAverageMemoryUtilization"
        }
        target_value       = var.memory_target_percent
        scale_in_cooldown  = 300
        scale_out_cooldown = 60
      }
    }
  }

  enable_execute_command = false
  propagate_tags         = "SERVICE"

  tags = var.tags
}
