variable "project" {
  description = "The Google Cloud project."
  type        = string
}

variable "region" {
  description = "The region of the instance group, Memorystore and the bucket."
  type        = string
}

variable "name" {
  description = "A name for the fleet: the prefix of every resource, and the cluster's id."
  type        = string
  default     = "jugcloud"
}

variable "network" {
  description = "The VPC network the silos and Memorystore share."
  type        = string
  default     = "default"
}

variable "subnetwork" {
  description = "The subnetwork of the silos (null: the network's subnetwork in the region, for auto-mode networks)."
  type        = string
  default     = null
}

variable "image" {
  description = "The jugcloud container image (built from the repository's Dockerfile and pushed to a registry the VMs can pull from, e.g. Artifact Registry)."
  type        = string
}

variable "machine_type" {
  description = "The silos' machine type."
  type        = string
  default     = "e2-standard-4"
}

variable "boot_image" {
  description = "The boot image: a stock Debian (Docker and the Ops Agent are installed at boot), or an image with jugcloud installed."
  type        = string
  default     = "debian-cloud/debian-12"
}

variable "spot" {
  description = "Run the silos as Spot VMs (much cheaper; GCE may stop them at any time, and their tasks then run elsewhere)."
  type        = bool
  default     = false
}

variable "slots" {
  description = "Tasks each silo runs at once (usually the machine's vCPU count)."
  type        = number
  default     = 4
}

variable "min_silos" {
  description = "The fewest silos the autoscaler keeps."
  type        = number
  default     = 1
}

variable "max_silos" {
  description = "The most silos the autoscaler starts."
  type        = number
  default     = 10
}

variable "silo_port" {
  description = "Silo-to-silo port, open only inside the fleet."
  type        = number
  default     = 11111
}

variable "gateway_port" {
  description = "Client gateway port, open only inside the fleet (clients run in the same network)."
  type        = number
  default     = 30000
}

variable "web_port" {
  description = "The silos' status page, /metrics and /healthz."
  type        = number
  default     = 8080
}

variable "web_cidr" {
  description = "Who may reach the status page (a CIDR). Null keeps it on each VM's loopback; otherwise it listens on every address and needs web_token."
  type        = string
  default     = null
}

variable "web_token" {
  description = "The token the status page needs when web_cidr opens it (kept in Secret Manager)."
  type        = string
  default     = null
  sensitive   = true
}

variable "redis_tier" {
  description = "Memorystore tier: BASIC (one node) or STANDARD_HA (a replica)."
  type        = string
  default     = "BASIC"
}

variable "redis_memory_gb" {
  description = "Memorystore capacity in GiB."
  type        = number
  default     = 1
}

variable "silo_args" {
  description = "Further flags for `jugcloud silo`. A silo on a non-loopback address refuses to start without TLS unless given \"--insecure\" (docs/guide/security.md)."
  type        = list(string)
  default     = []
}
