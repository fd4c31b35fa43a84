# MSK (Kafka 3.9, KRaft) across the private subnets' AZs: with 3 AZs, 3 brokers, each partition on all
# three (replication factor 3) and a write acknowledged by two (min.insync.replicas 2, producers acks -1):
# the settings of the local 3-broker cluster (scripts/stack.sh cluster-up kafka, make test-kafka-cluster),
# so one broker may die, or be patched by MSK, with nothing lost and nothing blocked. With 2 AZs
# (staging): 2 and 1. Topics are created by the services at start (accounts.user-events compacted) with
# the same two settings (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS, outputs below), so
# automatic topic creation stays off and a typo never makes a new topic.
locals {
  kafka_broker_count        = length(var.private_subnet_ids) * var.kafka_brokers_per_az
  kafka_replication_factor  = min(3, local.kafka_broker_count)
  kafka_min_insync_replicas = max(1, local.kafka_replication_factor - 1)
}

resource "aws_msk_configuration" "this" {
  name           = "${var.name}-kafka"
  kafka_versions = ["3.9.x"]
  description    = "Partyline broker defaults"

  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=${local.kafka_replication_factor}
    min.insync.replicas=${local.kafka_min_insync_replicas}
    offsets.topic.replication.factor=${local.kafka_replication_factor}
    transaction.state.log.replication.factor=${local.kafka_replication_factor}
    transaction.state.log.min.isr=${local.kafka_min_insync_replicas}
    num.partitions=6
    unclean.leader.election.enable=false
    log.retention.hours=168
  PROPERTIES

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "kafka" {
  #checkov:skip=CKV_AWS_338:broker logs are for operating the cluster, kept 30 days on purpose (cost, and they name client addresses); the audit trail is CloudTrail's
  name              = "/partyline/${var.name}/msk"
  retention_in_days = 30
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_msk_cluster" "this" {
  #checkov:skip=CKV_AWS_81:at rest it is encrypted with the CMK; client traffic inside the VPC stays TLS_PLAINTEXT until the services' Kafka client gets a TLS switch (docs/deploying.md, Known limits); broker-to-broker is TLS
  cluster_name           = "${var.name}-kafka"
  kafka_version          = "3.9.x"
  number_of_broker_nodes = local.kafka_broker_count # a multiple of the client subnets, as MSK requires

  broker_node_group_info {
    instance_type   = var.kafka_instance_type
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.store["kafka"].id]

    storage_info {
      ebs_storage_info {
        volume_size = var.kafka_volume_size
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn

    encryption_in_transit {
      client_broker = var.kafka_client_broker_encryption
      in_cluster    = true
    }
  }

  # Network isolation (only the app security group reaches the brokers) is the access control;
  # kafkajs 2.2.4 has no built-in SASL/IAM mechanism.
  client_authentication {
    unauthenticated = true
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.kafka.name
      }
    }
  }

  enhanced_monitoring = "PER_TOPIC_PER_BROKER"

  tags = var.tags
}
