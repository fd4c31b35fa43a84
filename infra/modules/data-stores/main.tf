# One security group per store, each open only to the app tasks on the store's port.

locals {
  stores = {
    postgres = { port = 5432, description = "RDS PostgreSQL" }
    redis    = { port = 6379, description = "ElastiCache Redis" }
    kafka    = { port = 9092, to_port = 9098, description = "MSK brokers (plaintext 9092, TLS 9094)" }
    docdb    = { port = 27017, description = "DocumentDB" }
  }

  store_client_pairs = {
    for pair in setproduct(keys(local.stores), range(length(var.client_security_group_ids))) :
    "${pair[0]}-${pair[1]}" => { store = pair[0], client = var.client_security_group_ids[pair[1]] }
  }
}

resource "aws_security_group" "store" {
  for_each = local.stores

  name_prefix = "${var.name}-${each.key}-"
  description = "${each.value.description} for ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-${each.key}" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_clients" {
  for_each = local.store_client_pairs

  security_group_id            = aws_security_group.store[each.value.store].id
  referenced_security_group_id = each.value.client
  ip_protocol                  = "tcp"
  from_port                    = local.stores[each.value.store].port
  to_port                      = try(local.stores[each.value.store].to_port, local.stores[each.value.store].port)
  description                  = "App tasks"
}

# Stores answer clients but never start connections of their own, except MSK brokers talking to
# each other and to ZooKeeper/KRaft controllers inside the VPC.
resource "aws_vpc_security_group_ingress_rule" "kafka_self" {
  security_group_id            = aws_security_group.store["kafka"].id
  referenced_security_group_id = aws_security_group.store["kafka"].id
  ip_protocol                  = "-1"
  description                  = "Broker to broker"
}

resource "aws_vpc_security_group_egress_rule" "kafka_self" {
  security_group_id            = aws_security_group.store["kafka"].id
  referenced_security_group_id = aws_security_group.store["kafka"].id
  ip_protocol                  = "-1"
  description                  = "Broker to broker"
}

# Connection strings carry generated credentials, so they live in Secrets Manager and reach the
# tasks only through `valueFrom`. (The passwords are also in the Terraform state: keep the state
# bucket encrypted and restricted, see docs/deploying.md.)
resource "aws_secretsmanager_secret" "url" {
  for_each = toset(["postgres-url", "redis-url", "mongo-url"])

  name                    = "${var.secret_prefix}${each.key}"
  description             = "Connection string (with credentials) for ${var.name}"
  recovery_window_in_days = var.deletion_protection ? 30 : 0
  tags                    = var.tags
}
