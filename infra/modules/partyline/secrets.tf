# Secrets an operator provides (docs/deploying.md, "Secrets"). Terraform creates the empty secrets
# and grants the tasks read access; the values are put with the AWS CLI so they never enter the
# Terraform state or the repository.
locals {
  operator_secrets = merge(
    { jwt-private-key = "ES256 private key (PKCS#8 PEM) that signs access tokens; its kid is JWT_KEY_ID" },
    var.google_client_id == "" ? {} : { google-client-secret = "Google OAuth client secret" },
    var.github_client_id == "" ? {} : { github-client-secret = "GitHub OAuth app client secret" },
  )
}

resource "aws_secretsmanager_secret" "operator" {
  for_each = local.operator_secrets

  name                    = "${local.secret_prefix}${each.key}"
  description             = each.value
  recovery_window_in_days = var.deletion_protection ? 30 : 0
  tags                    = local.tags
}
