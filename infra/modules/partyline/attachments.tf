# Files attached to messages: a private bucket that messages-service alone signs URLs for.
module "attachments" {
  source = "../attachments"

  name                = local.name
  app_origins         = [local.public_url]
  kms_key_arn         = aws_kms_key.this.arn
  deletion_protection = var.deletion_protection
  tags                = local.tags
}
