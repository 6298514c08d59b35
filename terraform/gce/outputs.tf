output "cluster_uri" {
  description = "The cluster to pass to `jugcloud submit --cluster` (from a machine in the network with the fleet's tag)."
  value       = local.cluster_uri
}

output "jugdir_uri" {
  description = "The results store to pass to `jugcloud submit --jugdir`; its HMAC key is in the Secret Manager secret silo_env_secret."
  value       = local.jugdir_uri
}

output "fleet_tag" {
  description = "The network tag that opens the silo and gateway ports: give it to the machine that submits."
  value       = local.fleet_tag
}

output "silo_env_secret" {
  description = "The Secret Manager secret with the silos' environment (the bucket's HMAC key)."
  value       = google_secret_manager_secret.silo_env.id
}
