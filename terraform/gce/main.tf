# A jugcloud fleet on Compute Engine: silos in a regional managed instance group, sized by an
# autoscaler on the cluster's own figure (jugcloud_desired_silos), meeting in Memorystore, storing
# results in a GCS bucket through its S3-compatible API.

locals {
  fleet_tag   = var.name
  web_address = var.web_cidr == null ? "127.0.0.1" : "0.0.0.0"
  cluster_uri = "redis://${google_redis_instance.cluster.host}:${google_redis_instance.cluster.port}?cluster=${var.name}"
  jugdir_uri  = "s3://${google_storage_bucket.results.name}?endpoint=https://storage.googleapis.com&region=auto&pathStyle=true"
  # What the silos read from Secret Manager: the bucket's HMAC key, and the page's token if it has one.
  silo_env = join("\n", compact([
    "AWS_ACCESS_KEY_ID=${google_storage_hmac_key.silos.access_id}",
    "AWS_SECRET_ACCESS_KEY=${google_storage_hmac_key.silos.secret}",
    var.web_token == null ? "" : "JUGCLOUD_WEB_TOKEN=${var.web_token}",
    "",
  ]))
}

# --- Identity: the silos' service account, allowed the results bucket and its one secret ---------

resource "google_service_account" "silos" {
  project      = var.project
  account_id   = var.name
  display_name = "jugcloud silos (${var.name})"
}

# The Ops Agent writes the scraped metrics and the silos' logs.
resource "google_project_iam_member" "metric_writer" {
  project = var.project
  role    = "roles/monitoring.metricWriter"
  member  = "serviceAccount:${google_service_account.silos.email}"
}

resource "google_project_iam_member" "log_writer" {
  project = var.project
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.silos.email}"
}

# --- The results bucket (the jugdir) ---------------------------------------------------------------

resource "google_storage_bucket" "results" {
  project                     = var.project
  name                        = "${var.project}-${var.name}-results"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "silos" {
  bucket = google_storage_bucket.results.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.silos.email}"
}

# jugcloud's S3 store reaches GCS through its S3-compatible API, which signs with an HMAC key.
resource "google_storage_hmac_key" "silos" {
  project               = var.project
  service_account_email = google_service_account.silos.email
}

resource "google_secret_manager_secret" "silo_env" {
  project   = var.project
  secret_id = "${var.name}-silo-env"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "silo_env" {
  secret      = google_secret_manager_secret.silo_env.id
  secret_data = local.silo_env
}

resource "google_secret_manager_secret_iam_member" "silos" {
  project   = var.project
  secret_id = google_secret_manager_secret.silo_env.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.silos.email}"
}

# --- Memorystore: where the silos and clients meet --------------------------------------------------

data "google_compute_network" "fleet" {
  project = var.project
  name    = var.network
}

resource "google_redis_instance" "cluster" {
  project            = var.project
  name               = "${var.name}-cluster"
  region             = var.region
  tier               = var.redis_tier
  memory_size_gb     = var.redis_memory_gb
  redis_version      = "REDIS_7_0"
  authorized_network = data.google_compute_network.fleet.id
  connect_mode       = "DIRECT_PEERING"
}

# --- Firewall: silo and gateway ports inside the fleet, the page to one CIDR ----------------------

resource "google_compute_firewall" "fleet" {
  project     = var.project
  name        = "${var.name}-fleet"
  network     = data.google_compute_network.fleet.self_link
  source_tags = [local.fleet_tag]
  target_tags = [local.fleet_tag]
  allow {
    protocol = "tcp"
    ports    = [tostring(var.silo_port), tostring(var.gateway_port)]
  }
}

resource "google_compute_firewall" "web" {
  count         = var.web_cidr == null ? 0 : 1
  project       = var.project
  name          = "${var.name}-web"
  network       = data.google_compute_network.fleet.self_link
  source_ranges = [var.web_cidr]
  target_tags   = [local.fleet_tag]
  allow {
    protocol = "tcp"
    ports    = [tostring(var.web_port)]
  }
}

# --- The silos --------------------------------------------------------------------------------------

resource "google_compute_instance_template" "silo" {
  project      = var.project
  name_prefix  = "${var.name}-"
  machine_type = var.machine_type
  tags         = [local.fleet_tag]

  disk {
    source_image = var.boot_image
    boot         = true
    auto_delete  = true
    disk_size_gb = 20
  }

  network_interface {
    network    = data.google_compute_network.fleet.self_link
    subnetwork = var.subnetwork
  }

  service_account {
    email  = google_service_account.silos.email
    scopes = ["cloud-platform"]
  }

  scheduling {
    provisioning_model          = var.spot ? "SPOT" : "STANDARD"
    preemptible                 = var.spot
    automatic_restart           = !var.spot
    instance_termination_action = var.spot ? "DELETE" : null
  }

  metadata = {
    startup-script = templatefile("${path.module}/startup.sh.tftpl", {
      cluster_uri  = local.cluster_uri
      jugdir_uri   = local.jugdir_uri
      image        = var.image
      slots        = var.slots
      silo_port    = var.silo_port
      gateway_port = var.gateway_port
      web_port     = var.web_port
      web_address  = local.web_address
      env_secret   = google_secret_manager_secret.silo_env.id
      extra_args   = join(" ", var.silo_args)
    })
    # Scale-in deletes a VM: SIGTERM drains its silo (tasks not started go back at once, running ones
    # finish and are stored) within the shutdown period GCE allows.
    shutdown-script = "docker stop --time 60 jugcloud-silo || systemctl stop jugcloud-silo || true"
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [google_secret_manager_secret_version.silo_env]
}

resource "google_compute_region_instance_group_manager" "silos" {
  project            = var.project
  name               = "${var.name}-silos"
  region             = var.region
  base_instance_name = var.name

  version {
    instance_template = google_compute_instance_template.silo.id
  }
}

# Per-group metric: every silo's Ops Agent reports the cluster's jugcloud_desired_silos (the same
# figure from each), so one silo per unit of it sizes the group to exactly what the queue asks for.
resource "google_compute_region_autoscaler" "silos" {
  project = var.project
  name    = "${var.name}-silos"
  region  = var.region
  target  = google_compute_region_instance_group_manager.silos.id

  autoscaling_policy {
    min_replicas    = var.min_silos
    max_replicas    = var.max_silos
    cooldown_period = 120

    metric {
      name                       = "prometheus.googleapis.com/jugcloud_desired_silos/gauge"
      filter                     = "resource.type = \"prometheus_target\""
      single_instance_assignment = 1
    }

    scale_in_control {
      time_window_sec = 300
      max_scaled_in_replicas {
        fixed = 2
      }
    }
  }
}
