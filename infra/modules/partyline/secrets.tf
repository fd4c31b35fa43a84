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
  #checkov:skip=CKV2_AWS_57:operators rotate these by hand (a new signing key with a new jwt_key_id, a new OAuth secret from the provider; docs/deploying.md); no Lambda can mint them
  for_each = local.operator_secrets

  name                    = "${local.secret_prefix}${each.key}"
  description             = each.value
  recovery_window_in_days = var.deletion_protection ? 30 : 0
  kms_key_id              = aws_kms_key.this.arn
  tags                    = local.tags
}
