# CloudWatch alarms on what AWS measures itself, so these two hold even while a service's own metrics are
# missing: the share of 5xx answers per target group, and each consumer group's lag as MSK reports it.
resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  for_each = var.target_group_arn_suffixes

  alarm_name          = "${var.name}-${each.key}-5xx-ratio"
  alarm_description   = "More than 5 % of ${each.key} answers are 5xx for 5 minutes (same threshold as HttpErrorRateHigh)."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0.05
  evaluation_periods  = 5
  datapoints_to_alarm = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  metric_query {
    id          = "ratio"
    expression  = "IF(requests > 60, errors / requests, 0)"
    label       = "5xx ratio"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value }
    }
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "consumer_lag" {
  for_each = var.consumer_groups

  alarm_name          = "${var.name}-${each.key}-lag"
  alarm_description   = "Consumer group ${each.key} is more than ${var.consumer_lag_threshold} events behind on ${each.value} for 10 minutes (same threshold as KafkaConsumerLagHigh)."
  namespace           = "AWS/Kafka"
  metric_name         = "SumOffsetLag"
  dimensions          = { "Cluster Name" = var.msk_cluster_name, "Consumer Group" = each.key, Topic = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 10
  datapoints_to_alarm = 10
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.consumer_lag_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}
