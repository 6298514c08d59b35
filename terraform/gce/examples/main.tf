# terraform init && terraform apply -var project=my-project
# then, from a VM in the same network with the fleet's tag:
#   jugcloud submit jugfile.cs --cluster "$(terraform output -raw cluster_uri)" \
#     --jugdir "$(terraform output -raw jugdir_uri)" --wait
# (with the bucket's HMAC key in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, from the silo_env secret).

variable "project" {
  type = string
}

provider "google" {
  project = var.project
  region  = "europe-west1"
}

module "jugcloud" {
  source = "../"

  project   = var.project
  region    = "europe-west1"
  name      = "jugcloud"
  image     = "europe-west1-docker.pkg.dev/${var.project}/jugcloud/jugcloud:0.1.0"
  spot      = true
  slots     = 4
  min_silos = 1
  max_silos = 20

  # The silos talk without TLS inside this private network: say so knowingly (docs/guide/security.md).
  silo_args = ["--insecure"]
}

output "cluster_uri" {
  value = module.jugcloud.cluster_uri
}

output "jugdir_uri" {
  value = module.jugcloud.jugdir_uri
}
