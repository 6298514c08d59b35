variable "name" {
  description = "A name for the fleet: the prefix of every resource, and the cluster's id."
  type        = string
  default     = "jugcloud"
}

variable "vpc_id" {
  description = "The VPC of the silos and ElastiCache."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the silos and ElastiCache (several availability zones)."
  type        = list(string)
}

variable "image" {
  description = "The jugcloud container image (built from the repository's Dockerfile and pushed to a registry the instances can pull from, e.g. ECR)."
  type        = string
}

variable "instance_type" {
  description = "The silos' instance type."
  type        = string
  default     = "c7i.xlarge"
}

variable "ami_id" {
  description = "The AMI: null for the latest Amazon Linux 2023 (Docker and the CloudWatch agent are installed at boot), or an image with jugcloud installed."
  type        = string
  default     = null
}

variable "spot" {
  description = "Run the silos as Spot instances (much cheaper; EC2 may reclaim them, and their tasks then run elsewhere)."
  type        = bool
  default     = false
}

variable "slots" {
  description = "Tasks each silo runs at once (usually the instance's vCPU count)."
  type        = number
  default     = 4
}

variable "min_silos" {
  description = "The fewest silos the group keeps (at least 1 for target tracking: the metric comes from the silos)."
  type        = number
  default     = 1
}

variable "max_silos" {
  description = "The most silos the group starts."
  type        = number
  default     = 10
}

variable "silo_port" {
  description = "Silo-to-silo port, open only inside the fleet."
  type        = number
  default     = 11111
}

variable "gateway_port" {
  description = "Client gateway port, open only inside the fleet (clients join the fleet's security group)."
  type        = number
  default     = 30000
}

variable "web_port" {
  description = "The silos' status page, /metrics and /healthz."
  type        = number
  default     = 8080
}

variable "web_cidr" {
  description = "Who may reach the status page (a CIDR). Null keeps it on each instance's loopback; otherwise it listens on every address and needs web_token."
  type        = string
  default     = null
}

variable "web_token" {
  description = "The token the status page needs when web_cidr opens it (kept in Secrets Manager)."
  type        = string
  default     = null
  sensitive   = true
}

variable "redis_node_type" {
  description = "The ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "silo_args" {
  description = "Further flags for `jugcloud silo`. A silo on a non-loopback address refuses to start without TLS unless given \"--insecure\" (docs/guide/security.md)."
  type        = list(string)
  default     = []
}
