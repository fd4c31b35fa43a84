# One customer-managed key per environment encrypts what is at rest: secrets, log groups, DocumentDB,
# ElastiCache, MSK, ECR images, the alert topic and the Prometheus workspace. A CMK (rather than the
# AWS-managed keys) keeps the key policy, rotation and CloudTrail record of every use in this account's
# hands, and a disabled key makes the data unreadable even with a stolen snapshot.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
}

resource "aws_kms_key" "this" {
  description             = "Partyline ${var.environment_name}: data at rest"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
  tags                    = local.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.this.key_id
}

# A key policy's "*" resource means this key only. IAM in the account decides who else may use it
# (the task execution roles get kms:Decrypt for their secrets); AWS services that write encrypted data
# on their own behalf are named below, each limited to this account's resources.
data "aws_iam_policy_document" "kms" {
  #checkov:skip=CKV_AWS_109:a key policy's resource "*" is this key only; administration stays with the account root, as AWS's default key policy does
  #checkov:skip=CKV_AWS_111:a key policy's resource "*" is this key only
  #checkov:skip=CKV_AWS_356:a key policy's resource "*" is this key only
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsLogGroups"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${data.aws_region.current.name}:${local.account_id}:log-group:*"]
    }
  }

  # Amazon Managed Prometheus's alert manager publishes to the encrypted alert topic; CloudWatch alarms too.
  statement {
    sid       = "AlertPublishersUseTheTopicKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["aps.amazonaws.com", "cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}
