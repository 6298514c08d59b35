# terraform init && terraform apply -var vpc_id=vpc-… -var 'subnet_ids=["subnet-…","subnet-…"]'
# then, from an instance in the VPC with the fleet's security group:
#   jugcloud submit jugfile.cs --cluster "$(terraform output -raw cluster_uri)" \
#     --jugdir "$(terraform output -raw jugdir_uri)" --wait

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

provider "aws" {
  region = "eu-west-1"
}

module "jugcloud" {
  source = "../"

  name       = "jugcloud"
  vpc_id     = var.vpc_id
  subnet_ids = var.subnet_ids
  image      = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/jugcloud:0.1.0"
  spot       = true
  slots      = 4
  min_silos  = 1
  max_silos  = 20

  # The silos talk without TLS inside this private VPC: say so knowingly (docs/guide/security.md).
  silo_args = ["--insecure"]
}

output "cluster_uri" {
  value = module.jugcloud.cluster_uri
}

output "jugdir_uri" {
  value = module.jugcloud.jugdir_uri
}
