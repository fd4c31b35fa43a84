# The MongoDB-compatible store: Amazon DocumentDB 5.0, not MongoDB Atlas. It stays inside the VPC and
# the AWS account (no peering/PrivateLink to a third party, one bill, one IAM), is created by this
# Terraform like every other store, and supports everything accounts-service uses: that code already
# sticks to what FerretDB 1.x supports (no transactions, change streams or $lookup), a narrower
# subset than DocumentDB's. DocumentDB needs TLS with the RDS CA bundle (shipped in the image) and
# retryWrites=false.
resource "random_password" "docdb" {
  length  = 32
  special = false
}

resource "aws_docdb_subnet_group" "this" {
  name       = "${var.name}-docdb"
  subnet_ids = var.database_subnet_ids
  tags       = var.tags
}

resource "aws_docdb_cluster_parameter_group" "this" {
  name        = "${var.name}-docdb5"
  family      = "docdb5.0"
  description = "Partyline DocumentDB: TLS required, audit logs on"

  parameter {
    name  = "tls"
    value = "enabled"
  }

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier              = "${var.name}-docdb"
  engine                          = "docdb"
  engine_version                  = "5.0.0"
  master_username                 = "partyline"
  master_password                 = random_password.docdb.result
  db_subnet_group_name            = aws_docdb_subnet_group.this.name
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.this.name
  vpc_security_group_ids          = [aws_security_group.store["docdb"].id]

  storage_encrypted               = true
  kms_key_id                      = var.kms_key_arn
  backup_retention_period         = 14
  preferred_backup_window         = "02:00-03:00"
  preferred_maintenance_window    = "tue:03:00-tue:04:00"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = "${var.name}-docdb-final"

  tags = var.tags
}

resource "aws_docdb_cluster_instance" "this" {
  count = var.docdb_instance_count

  identifier         = "${var.name}-docdb-${count.index}"
  cluster_identifier = aws_docdb_cluster.this.id
  instance_class     = var.docdb_instance_class

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "mongo_url" {
  secret_id = aws_secretsmanager_secret.url["mongo-url"].id
  secret_string = join("", [
    "mongodb://partyline:${random_password.docdb.result}@${aws_docdb_cluster.this.endpoint}:27017/partyline",
    "?tls=true&tlsCAFile=/etc/ssl/certs/rds-global-bundle.pem&replicaSet=rs0",
    "&readPreference=secondaryPreferred&retryWrites=false",
  ])
}
