resource "random_password" "postgres" {
  length  = 32
  special = false # goes into a URL unescaped
}

module "postgres" {
  #checkov:skip=CKV_TF_1:a registry module pinned to an exact version (infra/test checks it); the registry does not take commit hashes
  source  = "terraform-aws-modules/rds/aws"
  version = "6.10.0"

  identifier = "${var.name}-postgres"

  engine               = "postgres"
  engine_version       = "15"
  family               = "postgres15"
  major_engine_version = "15"
  instance_class       = var.postgres_instance_class

  storage_type          = "gp3"
  allocated_storage     = var.postgres_allocated_storage
  max_allocated_storage = var.postgres_max_allocated_storage
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_name                     = "partyline"
  username                    = "partyline"
  port                        = 5432
  manage_master_user_password = false
  password                    = random_password.postgres.result

  multi_az               = var.postgres_multi_az
  create_db_subnet_group = false
  db_subnet_group_name   = var.database_subnet_group_name
  vpc_security_group_ids = [aws_security_group.store["postgres"].id]

  parameters = [
    { name = "rds.force_ssl", value = "1" },
    { name = "log_min_duration_statement", value = "500" },
  ]

  maintenance_window      = "Mon:03:00-Mon:04:00"
  backup_window           = "01:00-02:00"
  backup_retention_period = var.postgres_backup_retention_days
  copy_tags_to_snapshot   = true

  deletion_protection              = var.deletion_protection
  skip_final_snapshot              = !var.deletion_protection
  final_snapshot_identifier_prefix = "${var.name}-postgres-final"

  performance_insights_enabled          = true
  performance_insights_retention_period = 7
  performance_insights_kms_key_id       = var.kms_key_arn
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  create_cloudwatch_log_group           = true
  cloudwatch_log_group_kms_key_id       = var.kms_key_arn

  # OS-level metrics every 60 s (CPU steal, IO queue) beside the database's own.
  monitoring_interval    = 60
  create_monitoring_role = true
  monitoring_role_name   = "${var.name}-rds-monitoring"

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "postgres_url" {
  secret_id = aws_secretsmanager_secret.url["postgres-url"].id
  # sslmode=verify-full: the image trusts the RDS CA bundle (NODE_EXTRA_CA_CERTS).
  secret_string = "postgres://partyline:${random_password.postgres.result}@${module.postgres.db_instance_address}:${module.postgres.db_instance_port}/partyline?sslmode=verify-full"
}
