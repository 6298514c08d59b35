# A jugcloud fleet on EC2: silos in an auto scaling group whose target tracking policy keeps the
# cluster's desired silos per running silo at 1 (backlog per instance), meeting in ElastiCache,
# storing results in S3.

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

locals {
  web_address = var.web_cidr == null ? "127.0.0.1" : "0.0.0.0"
  redis       = aws_elasticache_cluster.cluster.cache_nodes[0]
  cluster_uri = "redis://${local.redis.address}:${local.redis.port}?cluster=${var.name}"
  jugdir_uri  = "s3://${aws_s3_bucket.results.bucket}?region=${data.aws_region.current.name}"
}

# --- The results bucket (the jugdir) ---------------------------------------------------------------

resource "aws_s3_bucket" "results" {
  bucket = "${var.name}-results-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_public_access_block" "results" {
  bucket                  = aws_s3_bucket.results.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# --- Identity: the silos' role, allowed that bucket, their metrics and their one secret ----------

resource "aws_iam_role" "silos" {
  name = "${var.name}-silos"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "silos" {
  name = "${var.name}-silos"
  role = aws_iam_role.silos.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = aws_s3_bucket.results.arn
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = "${aws_s3_bucket.results.arn}/*"
      },
      {
        # The CloudWatch agent publishes the scraped metric as embedded metric format logs.
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "cloudwatch:PutMetricData"]
        Resource = "*"
      },
      ], var.web_token == null ? [] : [{
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = aws_secretsmanager_secret.silo_env[0].arn
    }])
  })
}

resource "aws_iam_instance_profile" "silos" {
  name = "${var.name}-silos"
  role = aws_iam_role.silos.name
}

resource "aws_secretsmanager_secret" "silo_env" {
  count = var.web_token == null ? 0 : 1
  name  = "${var.name}-silo-env"
}

resource "aws_secretsmanager_secret_version" "silo_env" {
  count         = var.web_token == null ? 0 : 1
  secret_id     = aws_secretsmanager_secret.silo_env[0].id
  secret_string = "JUGCLOUD_WEB_TOKEN=${var.web_token}\n"
}

# --- Security groups: silo and gateway ports inside the fleet, Redis to the fleet, the page to one CIDR

resource "aws_security_group" "fleet" {
  name        = "${var.name}-fleet"
  description = "jugcloud silos and the clients that submit to them"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "silo" {
  security_group_id            = aws_security_group.fleet.id
  referenced_security_group_id = aws_security_group.fleet.id
  ip_protocol                  = "tcp"
  from_port                    = var.silo_port
  to_port                      = var.silo_port
  description                  = "silo to silo"
}

resource "aws_vpc_security_group_ingress_rule" "gateway" {
  security_group_id            = aws_security_group.fleet.id
  referenced_security_group_id = aws_security_group.fleet.id
  ip_protocol                  = "tcp"
  from_port                    = var.gateway_port
  to_port                      = var.gateway_port
  description                  = "client gateway"
}

resource "aws_vpc_security_group_ingress_rule" "web" {
  count             = var.web_cidr == null ? 0 : 1
  security_group_id = aws_security_group.fleet.id
  cidr_ipv4         = var.web_cidr
  ip_protocol       = "tcp"
  from_port         = var.web_port
  to_port           = var.web_port
  description       = "status page"
}

resource "aws_vpc_security_group_egress_rule" "fleet" {
  security_group_id = aws_security_group.fleet.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
  description       = "image pulls, packages, S3, ElastiCache"
}

resource "aws_security_group" "redis" {
  name        = "${var.name}-redis"
  description = "jugcloud cluster Redis, reachable from the fleet only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  security_group_id            = aws_security_group.redis.id
  referenced_security_group_id = aws_security_group.fleet.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Redis from the fleet"
}

# --- ElastiCache: where the silos and clients meet ---------------------------------------------

resource "aws_elasticache_subnet_group" "cluster" {
  name       = "${var.name}-cluster"
  subnet_ids = var.subnet_ids
}

resource "aws_elasticache_cluster" "cluster" {
  cluster_id           = "${var.name}-cluster"
  engine               = "redis"
  engine_version       = "7.1"
  parameter_group_name = "default.redis7"
  node_type            = var.redis_node_type
  num_cache_nodes      = 1
  port                 = 6379
  subnet_group_name    = aws_elasticache_subnet_group.cluster.name
  security_group_ids   = [aws_security_group.redis.id]
}

# --- The silos -------------------------------------------------------------------------------

resource "aws_launch_template" "silo" {
  name_prefix            = "${var.name}-"
  image_id               = coalesce(var.ami_id, data.aws_ssm_parameter.al2023.value)
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.fleet.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.silos.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  dynamic "instance_market_options" {
    for_each = var.spot ? [1] : []
    content {
      market_type = "spot"
    }
  }

  user_data = base64encode(templatefile("${path.module}/startup.sh.tftpl", {
    cluster_uri  = local.cluster_uri
    jugdir_uri   = local.jugdir_uri
    image        = var.image
    slots        = var.slots
    silo_port    = var.silo_port
    gateway_port = var.gateway_port
    web_port     = var.web_port
    web_address  = local.web_address
    env_secret   = var.web_token == null ? "" : aws_secretsmanager_secret.silo_env[0].arn
    extra_args   = join(" ", var.silo_args)
  }))

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "${var.name}-silo" }
  }
}

resource "aws_autoscaling_group" "silos" {
  name                = "${var.name}-silos"
  min_size            = var.min_silos
  max_size            = var.max_silos
  vpc_zone_identifier = var.subnet_ids
  enabled_metrics     = ["GroupInServiceInstances"]

  launch_template {
    id      = aws_launch_template.silo.id
    version = aws_launch_template.silo.latest_version
  }

  # The policy below owns the size once the group exists.
  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

# Backlog per instance (AWS's pattern for queue workers): the cluster's desired silos divided by the
# silos in service, kept at 1. Every silo publishes the same cluster-wide figure; Maximum reads one.
resource "aws_autoscaling_policy" "desired_silos" {
  name                   = "${var.name}-desired-silos"
  autoscaling_group_name = aws_autoscaling_group.silos.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = 1

    customized_metric_specification {
      metrics {
        id          = "desired"
        return_data = false
        metric_stat {
          stat = "Maximum"
          metric {
            namespace   = "JugCloud"
            metric_name = "jugcloud_desired_silos"
            dimensions {
              name  = "job"
              value = "jugcloud"
            }
          }
        }
      }

      metrics {
        id          = "in_service"
        return_data = false
        metric_stat {
          stat = "Average"
          metric {
            namespace   = "AWS/AutoScaling"
            metric_name = "GroupInServiceInstances"
            dimensions {
              name  = "AutoScalingGroupName"
              value = aws_autoscaling_group.silos.name
            }
          }
        }
      }

      metrics {
        id          = "desired_per_silo"
        label       = "desired silos per silo in service"
        expression  = "desired / in_service"
        return_data = true
      }
    }
  }
}
